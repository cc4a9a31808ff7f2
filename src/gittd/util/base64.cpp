#include "gittd/util/base64.hpp"

#include <mbedtls/base64.h>

namespace gittd {

std::string base64_encode(std::string_view bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    size_t written = 0;
    mbedtls_base64_encode(reinterpret_cast<unsigned char*>(text.data()), text.size(), &written,
                          reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    text.resize(written);
    return text;
}

std::optional<std::string> base64_decode(std::string_view text) {
    // mbedtls wants the padding OpenSSH's fingerprints leave out.
    std::string padded(text);
    while (padded.size() % 4 != 0) padded += '=';
    std::string bytes(3 * (padded.size() / 4), '\0');
    size_t written = 0;
    if (padded.find_first_of(" \t\r\n") != std::string::npos ||
        mbedtls_base64_decode(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), &written,
                              reinterpret_cast<const unsigned char*>(padded.data()), padded.size()) != 0) {
        return std::nullopt;
    }
    bytes.resize(written);
    return bytes;
}

}  // namespace gittd
