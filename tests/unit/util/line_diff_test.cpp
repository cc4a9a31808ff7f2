#include <catch2/catch.hpp>

#include <string>

#include "gittd/util/line_diff.hpp"

namespace {

std::string shown(const std::string& before, const std::string& after) {
    std::string text;
    for (const gittd::DiffLine& line : gittd::diff_lines(before, after)) text += line.mark + line.text + "|";
    return text;
}

}  // namespace

TEST_CASE("a line diff keeps common lines and shows removals before additions") {
    CHECK(shown("a\nb\nc", "a\nB\nc") == " a|-b|+B| c|");
    CHECK(shown("", "new\nlines") == "+new|+lines|");
    CHECK(shown("old", "") == "-old|");
    CHECK(shown("same\n", "same\n") == " same|");
    CHECK(shown("a\nb\nc\nd", "b\nd\ne") == "-a| b|-c| d|+e|");
}

TEST_CASE("a line diff of texts too long to align shows all old lines, then all new") {
    std::string before, after;
    for (int i = 0; i < 2100; ++i) {
        before += "old " + std::to_string(i) + "\n";
        after += "new " + std::to_string(i) + "\n";
    }
    const auto lines = gittd::diff_lines(before, after);
    REQUIRE(lines.size() == 4200);
    CHECK(lines.front().mark == '-');
    CHECK(lines[2099].mark == '-');
    CHECK(lines[2100].mark == '+');
}
