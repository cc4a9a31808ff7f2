#include "gittd/util/sha256.hpp"

#include <mbedtls/sha256.h>

#include <cstdio>

#include "gittd/util/error.hpp"

namespace gittd {

std::string sha256_digest(std::string_view data) {
    std::string digest(32, '\0');
    if (mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                           reinterpret_cast<unsigned char*>(digest.data()), 0) != 0) {
        throw Error(ErrorCode::io, "SHA-256 failed");
    }
    return digest;
}

std::string sha256_hex(std::string_view data) {
    std::string hex;
    for (const char c : sha256_digest(data)) {
        const auto byte = static_cast<unsigned char>(c);
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", byte);
        hex += pair;
    }
    return hex;
}

}  // namespace gittd
