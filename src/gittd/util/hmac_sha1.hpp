#pragma once
#include <string>
#include <string_view>

namespace gittd {

// HMAC-SHA1 (mbedtls), the 20 raw bytes: what OpenSSH hashes the host names
// of a hashed known_hosts line with (|1|salt|hash).
std::string hmac_sha1(std::string_view key, std::string_view data);

}  // namespace gittd
