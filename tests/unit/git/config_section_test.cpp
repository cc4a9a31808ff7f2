#include <catch2/catch.hpp>

#include "gittd/git/config.hpp"

using gittd::git::without_empty_section;

TEST_CASE("init --uninstall: an emptied [merge \"td-record\"] header goes, the rest stays byte for byte") {
    const std::string before = "[core]\n\tbare = false\n";
    CHECK(without_empty_section(before + "[merge \"td-record\"]\n", "merge.td-record") == before);
    CHECK(without_empty_section(before + "[merge \"td-record\"]\n[alias]\n\tst = status\n", "merge.td-record") ==
          before + "[alias]\n\tst = status\n");
    CHECK(without_empty_section("[git-td]\n\n[core]\n", "git-td") == "\n[core]\n");
    CHECK(without_empty_section("[GIT-TD]\n", "git-td") == "");
}

TEST_CASE("init --uninstall: a section with anything left in it stays") {
    const std::string text = "[merge \"td-record\"]\n\trecursive = binary\n";
    CHECK(without_empty_section(text, "merge.td-record") == text);
    const std::string comment = "[merge \"td-record\"]\n\t# mine\n";
    CHECK(without_empty_section(comment, "merge.td-record") == comment);
    // Subsection names are case-sensitive in git.
    const std::string other = "[merge \"TD-record\"]\n";
    CHECK(without_empty_section(other, "merge.td-record") == other);
}
