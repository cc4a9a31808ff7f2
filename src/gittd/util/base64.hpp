#pragma once
// Base64 (RFC 4648, standard alphabet), as ssh's known_hosts and key files
// and OpenSSH's SHA256: fingerprints write it.
#include <optional>
#include <string>
#include <string_view>

namespace gittd {

// With '=' padding.
std::string base64_encode(std::string_view bytes);

// nullopt when `text` is not base64 (padding optional; no whitespace).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace gittd
