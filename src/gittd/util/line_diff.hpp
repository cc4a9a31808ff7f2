#pragma once
// A line diff of two texts for people to read (`git td diff` shows changed
// descriptions this way): every line of both, in order, marked ' ' (in
// both), '-' (only in the old text) or '+' (only in the new), by the
// longest common subsequence of lines. Texts too long for that (over four
// million line pairs) are shown as all old lines, then all new ones.
#include <string>
#include <vector>

namespace gittd {

struct DiffLine {
    char mark;  // ' ', '-' or '+'
    std::string text;
};

std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after);

}  // namespace gittd
