#include <catch2/catch.hpp>
#include <string>

#include "gittd/git/trees.hpp"

// blob_id hashes with plain SHA-1, not libgit2's: the ids must still be git's
// (these are `git hash-object` of the same bytes).
TEST_CASE("blob ids are git's") {
    CHECK(gittd::git::blob_id("").hex() == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    CHECK(gittd::git::blob_id("hello\n").hex() == "ce013625030ba8dba906f756967f9e9ca394464a");
    CHECK(gittd::git::blob_id(std::string(5000, 'x')).hex() == "1fe2898b10adc6937ad1482a3a42d393892c5a93");
}
