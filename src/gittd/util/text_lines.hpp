#pragma once
// Splits text into lines that keep their newline (the last may lack one), so
// that code editing a user's file (.git/config, .gitattributes) can drop or
// keep lines and write the rest back byte for byte.
#include <string_view>
#include <vector>

namespace gittd {

inline std::vector<std::string_view> lines_with_newlines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

}  // namespace gittd
