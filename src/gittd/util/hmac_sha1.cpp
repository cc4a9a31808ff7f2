#include "gittd/util/hmac_sha1.hpp"

#include <mbedtls/md.h>

#include "gittd/util/error.hpp"

namespace gittd {

std::string hmac_sha1(std::string_view key, std::string_view data) {
    std::string digest(20, '\0');
    const mbedtls_md_info_t* sha1 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
    if (!sha1 || mbedtls_md_hmac(sha1, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                                 reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                                 reinterpret_cast<unsigned char*>(digest.data())) != 0) {
        throw Error(ErrorCode::io, "HMAC-SHA1 failed");
    }
    return digest;
}

}  // namespace gittd
