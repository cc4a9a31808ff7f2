#include "gittd/util/line_diff.hpp"

#include <algorithm>
#include <cstdint>

namespace gittd {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after) {
    const std::vector<std::string> a = split_lines(before), b = split_lines(after);
    std::vector<DiffLine> out;
    constexpr size_t max_pairs = 4'000'000;
    if (a.size() * b.size() > max_pairs) {
        for (const std::string& line : a) out.push_back({'-', line});
        for (const std::string& line : b) out.push_back({'+', line});
        return out;
    }
    // common[i][j]: the longest common subsequence of a[i..] and b[j..].
    const size_t width = b.size() + 1;
    std::vector<std::uint32_t> common((a.size() + 1) * width, 0);
    for (size_t i = a.size(); i-- > 0;) {
        for (size_t j = b.size(); j-- > 0;) {
            common[i * width + j] = a[i] == b[j] ? common[(i + 1) * width + j + 1] + 1
                                                 : std::max(common[(i + 1) * width + j], common[i * width + j + 1]);
        }
    }
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            out.push_back({' ', a[i]});
            ++i, ++j;
        } else if (i < a.size() && (j == b.size() || common[(i + 1) * width + j] >= common[i * width + j + 1])) {
            out.push_back({'-', a[i++]});  // removals first, as git shows them
        } else {
            out.push_back({'+', b[j++]});
        }
    }
    return out;
}

}  // namespace gittd
