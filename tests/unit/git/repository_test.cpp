#include <catch2/catch.hpp>

#include "git/test_repository.hpp"
#include "gittd/git/config.hpp"
#include "gittd/git/path_rules.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/util/error.hpp"

namespace fs = std::filesystem;
using gittd::git::ObjectId;
using gittd::git::Repository;

TEST_CASE("Repository::discover finds the repository from a subdirectory") {
    TestRepository repo;
    repo.write("a/b/file.txt", "x\n");
    const std::optional<Repository> found = Repository::discover(repo.top() / "a" / "b");
    REQUIRE(found);
    CHECK(fs::equivalent(found->paths().workdir, repo.top()));
    CHECK(fs::equivalent(found->paths().git_dir, repo.top() / ".git"));
    CHECK(fs::equivalent(found->paths().common_dir, repo.top() / ".git"));
    CHECK_FALSE(found->paths().is_linked_worktree);
    // git-td joins these with relative paths: no trailing slash.
    CHECK(found->paths().workdir.filename() == repo.top().filename());
}

TEST_CASE("Repository::discover finds nothing outside a repository or in a bare one") {
    const TempDir outside;
    CHECK_FALSE(Repository::discover(outside.path()));
    const TestRepository bare(true);
    CHECK_FALSE(Repository::discover(bare.top()));
}

TEST_CASE("Repository::discover tells a linked worktree's own git dir from the shared one") {
    TestRepository repo;
    repo.write("f", "1\n");
    repo.commit("one");
    const TempDir elsewhere;
    const fs::path linked = elsewhere.path() / "linked";
    repo.git("worktree add -q " + gittd::shell_quote(linked.string()));
    const std::optional<Repository> found = Repository::discover(linked);
    REQUIRE(found);
    CHECK(found->paths().is_linked_worktree);
    CHECK(fs::equivalent(found->paths().workdir, linked));
    CHECK(fs::equivalent(found->paths().git_dir, repo.top() / ".git" / "worktrees" / "linked"));
    CHECK(fs::equivalent(found->paths().common_dir, repo.top() / ".git"));
}

TEST_CASE("Repository::resolve names the commit of HEAD, a branch, a tag and an id") {
    TestRepository repo;
    repo.write("f", "1\n");
    const ObjectId first = repo.commit("one");
    repo.git("branch old");
    repo.git("tag -a v1 -m v1 old");  // annotated: the tag object peels to the commit
    repo.write("f", "2\n");
    const ObjectId second = repo.commit("two");
    const Repository repository = repo.open();
    CHECK(hex_of(repository.resolve("HEAD")) == second.hex());
    CHECK(hex_of(repository.resolve("main")) == second.hex());
    CHECK(hex_of(repository.resolve("old")) == first.hex());
    CHECK(hex_of(repository.resolve("v1")) == first.hex());
    CHECK(hex_of(repository.resolve("HEAD~1")) == first.hex());
    CHECK(hex_of(repository.resolve(first.hex())) == first.hex());
}

TEST_CASE("Repository::resolve: nullopt for a revision that names nothing, Error for one that is no commit") {
    TestRepository repo;
    {
        const Repository unborn = repo.open();
        CHECK_FALSE(unborn.resolve("HEAD"));
    }
    repo.write("f", "1\n");
    repo.commit("one");
    const Repository repository = repo.open();
    CHECK_FALSE(repository.resolve("no-such-branch"));
    CHECK_FALSE(repository.resolve("HEAD~5"));
    try {
        (void)repository.resolve("HEAD:f");  // a blob
        FAIL("a blob resolved as a commit");
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::git);
        CHECK_THAT(e.what(), Catch::Contains("HEAD:f") && Catch::Contains("not a commit"));
    }
}

TEST_CASE("Repository::short_id abbreviates as git rev-parse --short does") {
    TestRepository repo;
    repo.write("f", "1\n");
    const ObjectId commit = repo.commit("one");
    CHECK(repo.open().short_id(commit) == repo.git("rev-parse --short HEAD"));
}

TEST_CASE("ObjectId reads and prints 40 hex digits") {
    const std::string hex = "0123456789abcdef0123456789abcdef01234567";
    const std::optional<ObjectId> id = ObjectId::from_hex(hex);
    REQUIRE(id);
    CHECK(id->hex() == hex);
    CHECK(id->bytes[0] == 0x01);
    CHECK(ObjectId::from_hex("0123456789ABCDEF0123456789ABCDEF01234567") == id);
    CHECK_FALSE(ObjectId::from_hex(hex.substr(1)));
    CHECK_FALSE(ObjectId::from_hex("g123456789abcdef0123456789abcdef01234567"));
}

TEST_CASE("Config and the path rules answer through one open Repository as git does") {
    TestRepository repo;
    repo.write(".gitattributes", "*.yaml merge=td-record\n*.bin -text\n");
    repo.write(".gitignore", "*.db\n");
    const Repository repository = repo.open();
    CHECK(gittd::git::attribute(repository, "issues/td-a.yaml", "merge") == std::optional<std::string>("td-record"));
    CHECK(gittd::git::attribute(repository, "x.bin", "text") == std::optional<std::string>("unset"));
    CHECK_FALSE(gittd::git::attribute(repository, "x.txt", "merge"));
    CHECK(gittd::git::is_ignored(repository, "sub/issues.db"));
    CHECK_FALSE(gittd::git::is_ignored(repository, "issues/td-a.yaml"));

    gittd::git::Config config(repository);
    CHECK(config.set_local("git-td.mode", "inline"));
    CHECK_FALSE(config.set_local("git-td.mode", "inline"));
    CHECK(repo.git("config --local git-td.mode") == "inline");
    CHECK(config.local_file() == repository.paths().common_dir / "config");
}
