#include <catch2/catch.hpp>

#include "gittd/setup/gitignore.hpp"

using gittd::setup::reinclude_export_tree;

TEST_CASE("td's .todos/ rule becomes .todos/* plus the export re-inclusion, other lines kept") {
    CHECK(reinclude_export_tree("node_modules/\n.todos/\n*.log\n") ==
          "node_modules/\n.todos/*\n!.todos/export/\n*.log\n");
}

TEST_CASE("every spelling of the directory rule is rewritten, anchors kept") {
    CHECK(reinclude_export_tree(".todos\n") == ".todos/*\n!.todos/export/\n");
    CHECK(reinclude_export_tree("/.todos/\n") == "/.todos/*\n!/.todos/export/\n");
    CHECK(reinclude_export_tree(".todos/**\n") == ".todos/*\n!.todos/export/\n");
    CHECK(reinclude_export_tree(".todos/   \n") == ".todos/*\n!.todos/export/\n");
}

TEST_CASE("rewriting is idempotent") {
    const std::string once = reinclude_export_tree("a\n.todos/\nb\n");
    CHECK(reinclude_export_tree(once) == once);
}

TEST_CASE("a .todos/* rule without the re-inclusion gets it") {
    CHECK(reinclude_export_tree(".todos/*\n") == ".todos/*\n!.todos/export/\n");
}

TEST_CASE("an existing re-inclusion is not duplicated") {
    CHECK(reinclude_export_tree(".todos/\n!.todos/export/\n") == ".todos/*\n!.todos/export/\n");
}

TEST_CASE("without any .todos rule the database is still kept out of git") {
    CHECK(reinclude_export_tree("") ==
          "# td's database stays local; its export tree is shared (git-td)\n.todos/*\n!.todos/export/\n");
    CHECK(reinclude_export_tree("build/\n") ==
          "build/\n\n# td's database stays local; its export tree is shared (git-td)\n.todos/*\n"
          "!.todos/export/\n");
}

TEST_CASE("unrelated rules that merely mention .todos are left alone") {
    CHECK(reinclude_export_tree(".todos/*\n!.todos/export/\n.todos/export/tmp\n") ==
          ".todos/*\n!.todos/export/\n.todos/export/tmp\n");
}

TEST_CASE("the re-inclusion ends up after every rule that excludes .todos (git honours the last match)") {
    // td init (or a user) appended '.todos/' after git-td's rules.
    CHECK(reinclude_export_tree(".todos/*\n!.todos/export/\n.todos/\n") == ".todos/*\n!.todos/export/\n");
    CHECK(reinclude_export_tree("a\n!.todos/export/\nb\n.todos/\nc\n") == "a\nb\n.todos/*\n!.todos/export/\nc\n");
    CHECK(reinclude_export_tree(".todos/*\n!.todos/export/\nbuild/\n.todos\n") ==
          "build/\n.todos/*\n!.todos/export/\n");
    // A re-inclusion already after the last rule is kept where it is.
    CHECK(reinclude_export_tree(".todos/\n.todos/*\nx\n!.todos/export/\n") == ".todos/*\nx\n!.todos/export/\n");
    // Another anchoring of the rule is a different rule: kept.
    CHECK(reinclude_export_tree("/.todos/*\n!/.todos/export/\n.todos/\n") == "/.todos/*\n.todos/*\n!.todos/export/\n");
}

TEST_CASE("repairing the order is idempotent") {
    for (const char* text : {".todos/*\n!.todos/export/\n.todos/\n", "!.todos/export/\n.todos/\n",
                             "/.todos/*\n!/.todos/export/\n.todos/\n", "a\n!.todos/export/\n"}) {
        const std::string once = reinclude_export_tree(text);
        CHECK(reinclude_export_tree(once) == once);
    }
}
