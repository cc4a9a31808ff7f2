#pragma once
#include <string>
#include <string_view>

namespace gittd {

// Lowercase hex SHA-256 (mbedtls, which libgit2 already depends on).
std::string sha256_hex(std::string_view data);

// The 32 raw bytes.
std::string sha256_digest(std::string_view data);

}  // namespace gittd
