#include "gittd/util/sha256.hpp"

#include <mbedtls/sha256.h>

#include <cstdio>

#include "gittd/util/error.hpp"

namespace gittd {

std::string sha256_hex(std::string_view data) {
    unsigned char digest[32];
    if (mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, 0) != 0) {
        throw Error(ErrorCode::io, "SHA-256 failed");
    }
    std::string hex;
    for (unsigned char byte : digest) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", byte);
        hex += pair;
    }
    return hex;
}

}  // namespace gittd
