// libgit2's in-memory merge and hash (src/gittd/git/text_merge.hpp), which the
// merge driver uses without libgit2's full initialisation: the same results
// as git's own commands.
#include <catch2/catch.hpp>

#include <string>

#include "gittd/git/text_merge.hpp"

using gittd::git::merge_with_markers;

TEST_CASE("text merge: blob_hash_hex is git's blob id (git hash-object)") {
    CHECK(gittd::git::blob_hash_hex("hello") == "b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0");
    CHECK(gittd::git::blob_hash_hex("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
}

TEST_CASE("text merge: merge_with_markers merges separate edits cleanly") {
    const auto result = merge_with_markers("a\nb\nc\nd\ne\n", "a\nB\nc\nd\ne\n", "a\nb\nc\nd\nE\n", 7);
    CHECK(result.clean);
    CHECK(result.text == "a\nB\nc\nd\nE\n");
    CHECK(gittd::git::merge_text_lines("a\nb\nc\nd\ne\n", "a\nB\nc\nd\ne\n", "a\nb\nc\nd\nE\n") == result.text);
}

TEST_CASE("text merge: merge_with_markers leaves git's markers of the asked length") {
    const auto result = merge_with_markers("a\nb\nc\n", "a\nours\nc\n", "a\ntheirs\nc\n", 11);
    CHECK_FALSE(result.clean);
    CHECK(result.text == "a\n<<<<<<<<<<< ours\nours\n===========\ntheirs\n>>>>>>>>>>> theirs\nc\n");
    CHECK_FALSE(gittd::git::merge_text_lines("a\nb\nc\n", "a\nours\nc\n", "a\ntheirs\nc\n"));
}

TEST_CASE("text merge: merge_with_markers leaves binary input unmerged, as ours") {
    const std::string ours("a\0b\n", 4);
    const auto result = merge_with_markers("a\n", ours, "c\n", 7);
    CHECK_FALSE(result.clean);
    CHECK(result.text == ours);
}
