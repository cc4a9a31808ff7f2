// A worker thread's own handle on the object database (git/object_reader.hpp).
#include <catch2/catch.hpp>

#include "gittd/git/libgit2.hpp"
#include "gittd/git/object_reader.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/util/error.hpp"
#include "test_repository.hpp"

using gittd::git::ObjectId;

TEST_CASE("an object reader reads blobs git wrote, and leaves what it cannot read to the caller") {
    gittd::git::ensure_libgit2();
    TestRepository repo;
    repo.write("a.yaml", "id: a\n");
    const ObjectId blob = *ObjectId::from_hex(repo.git("hash-object -w a.yaml"));
    const ObjectId commit = repo.commit("one");
    const auto git = gittd::git::Repository::discover(repo.top());
    const gittd::git::ObjectReader reader(*git);
    CHECK(reader.read_blob(blob, 100) == "id: a\n");
    CHECK_FALSE(reader.read_blob(gittd::git::commit_tree(*git, commit), 100));  // a tree is no blob
    CHECK_FALSE(reader.read_blob(gittd::git::blob_id("never written\n"), 100));
    // An object written after the reader opened is found too.
    repo.write("b.yaml", "id: b\n");
    const ObjectId later = *ObjectId::from_hex(repo.git("hash-object -w b.yaml"));
    CHECK(reader.read_blob(later, 100) == "id: b\n");
    CHECK_THROWS_WITH(reader.read_blob(blob, 3), Catch::Contains(blob.hex() + ": 6 bytes, over the 3-byte limit"));
}
