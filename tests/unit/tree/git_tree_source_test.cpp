#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "git/test_repository.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/git_tree_source.hpp"
#include "gittd/util/error.hpp"

using gittd::git::ObjectId;
using gittd::git::Repository;
using gittd::tree::GitTreeSource;
using gittd::tree::SourceEntry;

namespace {

const gittd::model::Kind& kind(std::string_view folder) {
    const gittd::model::Kind* found = gittd::model::kind_by_folder(folder);
    REQUIRE(found != nullptr);
    return *found;
}

// "name" for a plain file, "name (not regular)" otherwise, sorted.
std::vector<std::string> listing(const GitTreeSource& source, std::string_view folder) {
    std::vector<std::string> names;
    source.list(kind(folder), [&](const SourceEntry& entry) {
        CHECK_FALSE(entry.stamp);
        names.push_back(std::string(entry.name) + (entry.regular ? "" : " (not regular)"));
    });
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

// The message of the Error(invalid_input) that `run` throws.
std::string refusal(const std::function<void()>& run) {
    try {
        run();
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::invalid_input);
        return e.what();
    }
    FAIL("nothing was refused");
    return "";
}

}  // namespace

TEST_CASE("GitTreeSource reads the committed records of a commit, not the working tree's") {
    TestRepository repo;
    repo.write(".todos/export/git-td.yaml", "format: yaml\nformat_version: 1\n");
    repo.write(".todos/export/.gitattributes", "*.yaml merge=td-record\n");
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\ntitle: committed\n");
    repo.write(".todos/export/issues/td-b.yaml", "id: td-b\n");
    repo.write(".todos/export/notes/nt-1.yaml", "id: nt-1\n");
    const ObjectId commit = repo.commit("records");
    // The checkout now says something else about every one of them.
    repo.write(".todos/export/git-td.yaml", "format: json\nformat_version: 1\n");
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\ntitle: edited, not committed\n");
    repo.remove(".todos/export/issues/td-b.yaml");
    repo.write(".todos/export/issues/td-c.yaml", "id: td-c\n");
    repo.remove(".todos/export/notes");
    repo.write(".todos/export/boards/bd-1.yaml", "id: bd-1\n");

    const Repository repository = repo.open();
    const GitTreeSource source(repository, commit);
    CHECK(source.commit() == commit);
    CHECK(source.read_config() == std::optional<std::string>("format: yaml\nformat_version: 1\n"));
    CHECK(sorted(source.folders()) == std::vector<std::string>{"issues", "notes"});
    CHECK(listing(source, "issues") == std::vector<std::string>{"td-a.yaml", "td-b.yaml"});
    CHECK(listing(source, "notes") == std::vector<std::string>{"nt-1.yaml"});
    CHECK(listing(source, "boards").empty());
    CHECK(source.read(kind("issues"), "td-a.yaml") == std::optional<std::string>("id: td-a\ntitle: committed\n"));
    CHECK(source.read(kind("issues"), "td-b.yaml") == std::optional<std::string>("id: td-b\n"));
    CHECK_FALSE(source.read(kind("issues"), "td-c.yaml"));
    CHECK_FALSE(source.read(kind("boards"), "bd-1.yaml"));
    CHECK_FALSE(source.read(kind("issues"), "../notes/nt-1.yaml"));
}

TEST_CASE("GitTreeSource names a file as <short commit>:<path>, which git show reads") {
    TestRepository repo;
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\n");
    const ObjectId commit = repo.commit("records");
    const Repository repository = repo.open();
    const std::string where = GitTreeSource(repository, commit).describe("issues/td-a.yaml");
    CHECK(where == repo.git("rev-parse --short HEAD") + ":.todos/export/issues/td-a.yaml");
    CHECK(repo.git("show " + gittd::shell_quote(where)) == "id: td-a");
    CHECK(GitTreeSource(repository, commit).describe("") == repo.git("rev-parse --short HEAD") + ":.todos/export");
}

TEST_CASE("GitTreeSource lists symlinks, folders and submodules in a kind folder as not regular") {
    TestRepository repo;
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\n");
    repo.symlink("td-a.yaml", ".todos/export/issues/td-link.yaml");
    repo.write(".todos/export/issues/nested/td-b.yaml", "id: td-b\n");
    repo.git("add -A");
    const std::string some_commit(40, '1');
    repo.git("update-index --add --cacheinfo 160000," + some_commit + ",.todos/export/issues/sub");
    repo.git("commit -q -m records");
    const ObjectId commit = repo.id("HEAD");
    const Repository repository = repo.open();
    const GitTreeSource source(repository, commit);
    CHECK(listing(source, "issues") == std::vector<std::string>{"nested (not regular)", "sub (not regular)",
                                                                "td-a.yaml", "td-link.yaml (not regular)"});
    const std::string message = refusal([&] { (void)source.read(kind("issues"), "td-link.yaml"); });
    CHECK_THAT(message, Catch::Contains(":.todos/export/issues/td-link.yaml: a symlink where a plain file belongs"));
}

TEST_CASE("GitTreeSource refuses a symlinked kind folder instead of following it") {
    TestRepository repo;
    repo.write(".todos/export/git-td.yaml", "format: yaml\nformat_version: 1\n");
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\n");
    repo.symlink("issues", ".todos/export/notes");
    const ObjectId commit = repo.commit("records");
    const Repository repository = repo.open();
    const GitTreeSource source(repository, commit);
    const std::string short_id = repo.git("rev-parse --short HEAD");
    CHECK_THAT(
        refusal([&] { (void)source.folders(); }),
        Catch::StartsWith(short_id + ":.todos/export/notes: a symlink") && Catch::Contains("never follows a symlink"));
    CHECK_THAT(refusal([&] { source.list(kind("notes"), [](const SourceEntry&) {}); }),
               Catch::Contains(":.todos/export/notes: a symlink where a plain folder belongs"));
    CHECK_THAT(refusal([&] { (void)source.read(kind("notes"), "td-a.yaml"); }),
               Catch::Contains(":.todos/export/notes: a symlink"));
    // The rest of the tree still reads.
    CHECK(listing(source, "issues") == std::vector<std::string>{"td-a.yaml"});
}

TEST_CASE("GitTreeSource refuses a symlinked git-td.yaml") {
    TestRepository repo;
    repo.write("elsewhere.yaml", "format: yaml\nformat_version: 1\n");
    repo.symlink("../../elsewhere.yaml", ".todos/export/git-td.yaml");
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\n");
    const ObjectId commit = repo.commit("records");
    const Repository repository = repo.open();
    const GitTreeSource source(repository, commit);
    CHECK_THAT(refusal([&] { (void)source.read_config(); }),
               Catch::Contains(":.todos/export/git-td.yaml: a symlink where a plain file belongs"));
    CHECK_THAT(refusal([&] { (void)source.folders(); }), Catch::Contains(":.todos/export/git-td.yaml: a symlink"));
}

TEST_CASE("GitTreeSource reads a tree kept elsewhere, or at the top of its own branch") {
    TestRepository repo;
    repo.write("git-td.yaml", "format: json\nformat_version: 1\n");
    repo.write("issues/td-a.json", "{\"id\": \"td-a\"}\n");
    repo.write("records/issues/td-b.yaml", "id: td-b\n");
    const ObjectId commit = repo.commit("records");
    const Repository repository = repo.open();

    const GitTreeSource top(repository, commit, "");
    CHECK(top.read_config() == std::optional<std::string>("format: json\nformat_version: 1\n"));
    CHECK(sorted(top.folders()) == std::vector<std::string>{"issues", "records"});
    CHECK(top.read(kind("issues"), "td-a.json") == std::optional<std::string>("{\"id\": \"td-a\"}\n"));
    CHECK(top.describe("issues/td-a.json") == repo.git("rev-parse --short HEAD") + ":issues/td-a.json");
    CHECK(top.describe("") == repo.git("rev-parse --short HEAD") + ":");

    const GitTreeSource records(repository, commit, "records/");
    CHECK_FALSE(records.read_config());
    CHECK(listing(records, "issues") == std::vector<std::string>{"td-b.yaml"});
    CHECK(records.describe("issues/td-b.yaml") == repo.git("rev-parse --short HEAD") + ":records/issues/td-b.yaml");
}

TEST_CASE("GitTreeSource: a commit without the export folder is an empty tree; a file there is refused") {
    TestRepository repo;
    repo.write("README", "no records\n");
    repo.write("records", "a file, not a folder\n");
    const ObjectId commit = repo.commit("code only");
    const Repository repository = repo.open();
    const GitTreeSource source(repository, commit);
    CHECK_FALSE(source.read_config());
    CHECK(source.folders().empty());
    CHECK(listing(source, "issues").empty());
    CHECK_THAT(refusal([&] { GitTreeSource(repository, commit, "records"); }),
               Catch::Contains(":records: a file, not a folder"));
}
