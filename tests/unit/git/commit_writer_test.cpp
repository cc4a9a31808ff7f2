#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "git/test_repository.hpp"
#include "gittd/git/commit_writer.hpp"
#include "gittd/git/trees.hpp"

using gittd::git::CommitWriter;
using gittd::git::FileUpdate;
using gittd::git::ObjectId;

namespace {

size_t files_under(const std::filesystem::path& folder, const std::string& extension) {
    size_t count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && (extension.empty() || entry.path().extension() == extension)) ++count;
    }
    return count;
}

size_t loose_objects(const std::filesystem::path& git_dir) {
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(git_dir / "objects")) {
        const std::string name = entry.path().filename().string();
        if (name.size() == 2 && entry.is_directory()) count += files_under(entry.path(), "");
    }
    return count;
}

}  // namespace

TEST_CASE("a commit's objects go into one pack that git verifies, duplicates once, sizes of every header length") {
    TestRepository repo;
    repo.write("README", "code\n");
    const ObjectId parent = repo.commit("code");
    const std::filesystem::path git_dir = repo.top() / ".git";
    const size_t loose_before = loose_objects(git_dir);

    // Sizes around the 4-bit and 7-bit steps of a pack entry's header, an
    // empty file, a file of several megabytes (the pack is handed over a
    // megabyte at a time) and two paths with the same bytes.
    std::vector<FileUpdate> updates;
    for (const size_t size : {0, 1, 15, 16, 127, 128, 2047, 2048, 16383, 16384, 70000}) {
        updates.push_back({"records/size-" + std::to_string(size), std::string(size, 'x')});
    }
    std::string big;
    for (int line = 0; big.size() < 3'500'000; ++line) big += "line " + std::to_string(line) + "\n";
    updates.push_back({"records/big", big});
    updates.push_back({"records/same-a", std::string("same bytes\n")});
    updates.push_back({"records/same-b", std::string("same bytes\n")});
    for (int n = 0; n < 300; ++n) updates.push_back({"many/file-" + std::to_string(n), "file " + std::to_string(n)});

    const gittd::git::Repository repository = repo.open();
    CommitWriter writer(repository);
    std::vector<std::optional<ObjectId>> blobs;
    const ObjectId tree = writer.updated_tree(parent, updates, blobs);
    const ObjectId commit = writer.commit(parent, tree, "records");

    CHECK(repo.git("rev-parse HEAD") == commit.hex());
    CHECK(loose_objects(git_dir) == loose_before);
    REQUIRE(files_under(git_dir / "objects" / "pack", ".pack") == 1);
    // git's own reading: every object's id and the pack's trailer check out.
    std::string idx;
    for (const auto& entry : std::filesystem::directory_iterator(git_dir / "objects" / "pack")) {
        if (entry.path().extension() == ".idx") idx = entry.path().string();
    }
    CHECK(repo.run("verify-pack " + gittd::shell_quote(idx)) == 0);
    CHECK(repo.run("fsck --strict --no-dangling") == 0);
    // The commit, its root tree, two folders, and 313 distinct blobs.
    std::string listing;
    repo.run("verify-pack -v " + gittd::shell_quote(idx), &listing);
    CHECK(listing.find("non delta: 317 objects") != std::string::npos);
    CHECK(repo.git("cat-file -p HEAD:records/big") + "\n" == big);
    CHECK(repo.git("cat-file -s HEAD:records/size-70000") == "70000");
    CHECK(repo.git("cat-file -p HEAD:records/size-0").empty());
    CHECK(repo.git("cat-file -p HEAD:README") == "code");
}

TEST_CASE("an index entry records the stat of the bytes committed, so a later change of the file shows") {
    TestRepository repo;
    repo.write("README", "code\n");
    repo.commit("code");
    repo.write("a.yaml", "id: a\n");
    struct stat read_stat {};
    REQUIRE(::lstat((repo.top() / "a.yaml").c_str(), &read_stat) == 0);
    // The file changes after it was read and before the index is written:
    // same size, another mtime (an old one, so git does not take the entry
    // for racily clean and hash the file anyway).
    repo.write("a.yaml", "id: b\n");
    const timespec other[2] = {{0, UTIME_OMIT}, {read_stat.st_mtim.tv_sec - 100, 0}};
    REQUIRE(::utimensat(AT_FDCWD, (repo.top() / "a.yaml").c_str(), other, 0) == 0);
    const auto git = gittd::git::Repository::discover(repo.top());
    const ObjectId committed = gittd::git::blob_id("id: a\n");
    {
        CommitWriter writer(*git);
        writer.write_blob("id: a\n");
        writer.commit(repo.id("HEAD"),
                      writer.updated_tree(repo.id("HEAD"), std::vector<gittd::git::TreeUpdate>{{"a.yaml", committed}}),
                      "a");
    }
    gittd::git::update_index_entries(*git, {{"a.yaml", committed}}, {read_stat});
    // git compares the recorded stat with the file's: they differ, so it
    // hashes the file and sees the change (an lstat taken now would have
    // hidden it: same size, the file's mtime, the old blob).
    CHECK(repo.git("status --porcelain -- a.yaml") == " M a.yaml");
    CHECK(repo.git("diff --cached --name-only") == "");
}

TEST_CASE("a moved-from HashedBlob is the empty blob with the empty blob's id") {
    gittd::git::HashedBlob blob(std::string("record bytes\n"));
    const ObjectId id = blob.id();
    const gittd::git::HashedBlob moved(std::move(blob));
    CHECK(moved.id() == id);
    CHECK(moved.bytes() == "record bytes\n");
    // NOLINTNEXTLINE(bugprone-use-after-move): the point of the test
    CHECK(blob.bytes().empty());
    CHECK(blob.id() == gittd::git::blob_id(""));
    gittd::git::HashedBlob assigned(std::string("other"));
    assigned = gittd::git::HashedBlob(std::string("third"));
    CHECK(assigned.id() == gittd::git::blob_id("third"));
}
