#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <sstream>

#include "git/test_repository.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/util/error.hpp"

using gittd::git::ChangeStatus;
using gittd::git::EntryKind;
using gittd::git::ObjectId;
using gittd::git::PathChange;
using gittd::git::Repository;
using gittd::git::TreeEntry;

namespace {

const TreeEntry& entry_named(const std::vector<TreeEntry>& entries, const std::string& name) {
    for (const TreeEntry& entry : entries) {
        if (entry.name == name) return entry;
    }
    FAIL("no entry " << name);
    static const TreeEntry none;
    return none;
}

std::string describe(const std::vector<PathChange>& changes) {
    std::string text;
    for (const PathChange& c : changes) {
        const char* status = c.status == ChangeStatus::added ? "A" : c.status == ChangeStatus::modified ? "M" : "D";
        text += std::string(status) + " " + c.path + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("list_tree_at lists a commit's folder with each entry's kind, mode and id; a symlink stays one") {
    TestRepository repo;
    repo.write(".todos/export/git-td.yaml", "format: yaml\n");
    repo.write(".todos/export/issues/td-a.yaml", "id: td-a\n");
    repo.write(".todos/export/issues/td-b.yaml", "id: td-b\n");
    repo.symlink("td-a.yaml", ".todos/export/issues/link.yaml");
    repo.write(".todos/export/tool.sh", "#!/bin/sh\n");
    std::filesystem::permissions(repo.top() / ".todos/export/tool.sh", std::filesystem::perms(0755));
    const ObjectId commit = repo.commit("records");
    const Repository repository = repo.open();

    const auto issues = gittd::git::list_tree_at(repository, commit, ".todos/export/issues");
    REQUIRE(issues);
    REQUIRE(issues->size() == 3);
    CHECK((*issues)[0].name == "link.yaml");  // git's order
    CHECK((*issues)[1].name == "td-a.yaml");
    CHECK((*issues)[2].name == "td-b.yaml");
    const TreeEntry& link = entry_named(*issues, "link.yaml");
    CHECK(link.kind == EntryKind::symlink);
    CHECK(link.mode == 0120000);
    CHECK(link.id == repo.id("HEAD:.todos/export/issues/link.yaml"));
    const TreeEntry& record = entry_named(*issues, "td-a.yaml");
    CHECK(record.kind == EntryKind::blob);
    CHECK(record.mode == 0100644);
    CHECK(record.id == repo.id("HEAD:.todos/export/issues/td-a.yaml"));

    const auto top = gittd::git::list_tree_at(repository, commit, ".todos/export/");
    REQUIRE(top);
    CHECK(entry_named(*top, "issues").kind == EntryKind::tree);
    CHECK(entry_named(*top, "issues").mode == 040000);
    CHECK(entry_named(*top, "issues").id == repo.id("HEAD:.todos/export/issues"));
    CHECK(entry_named(*top, "tool.sh").kind == EntryKind::blob);
    CHECK(entry_named(*top, "tool.sh").mode == 0100755);

    const auto root = gittd::git::list_tree_at(repository, commit, "");
    REQUIRE(root);
    REQUIRE(root->size() == 1);
    CHECK((*root)[0].name == ".todos");

    CHECK_FALSE(gittd::git::list_tree_at(repository, commit, ".todos/nothing"));
    try {
        (void)gittd::git::list_tree_at(repository, commit, ".todos/export/issues/link.yaml");
        FAIL("listed a symlink as a folder");
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::invalid_input);
        CHECK_THAT(e.what(), Catch::Contains(":.todos/export/issues/link.yaml: a symlink, not a folder"));
    }
}

TEST_CASE("find_entry never walks through a symlink") {
    TestRepository repo;
    repo.write("records/issues/td-a.yaml", "id: td-a\n");
    repo.symlink("records/issues", "linked");
    const ObjectId commit = repo.commit("records");
    const Repository repository = repo.open();
    const ObjectId root = gittd::git::commit_tree(repository, commit);
    CHECK(root == repo.id("HEAD^{tree}"));
    const auto through_tree = gittd::git::find_entry(repository, root, "records/issues/td-a.yaml");
    REQUIRE(through_tree);
    CHECK(through_tree->kind == EntryKind::blob);
    CHECK_FALSE(gittd::git::find_entry(repository, root, "linked/td-a.yaml"));
    const auto link = gittd::git::find_entry(repository, root, "linked");
    REQUIRE(link);
    CHECK(link->kind == EntryKind::symlink);
}

TEST_CASE("read_blob returns the committed bytes, and a symlink's target") {
    TestRepository repo;
    const std::string bytes = std::string("id: td-a\ntitle: \"caf\xc3\xa9\"\n") + std::string("\0\r\n", 3);
    repo.write("td-a.yaml", bytes);
    repo.symlink("td-a.yaml", "link");
    repo.commit("records");
    const Repository repository = repo.open();
    CHECK(gittd::git::read_blob(repository, repo.id("HEAD:td-a.yaml")) == bytes);
    CHECK(gittd::git::read_blob(repository, repo.id("HEAD:link")) == "td-a.yaml");
    CHECK_THROWS_AS(gittd::git::read_blob(repository, repo.id("HEAD")), gittd::Error);  // a commit
}

TEST_CASE("diff_commits lists what was added, modified and deleted under the folder, and nothing outside it") {
    TestRepository repo;
    repo.write(".todos/export/issues/td-a.yaml", "a1\n");
    repo.write(".todos/export/issues/td-b.yaml", "b1\n");
    repo.write(".todos/export/notes/nt-1.yaml", "n1\n");
    repo.write(".todos/export-old/issues/td-a.yaml", "old1\n");  // shares the folder's name as a prefix
    repo.write("README", "r1\n");
    const ObjectId before = repo.commit("one");
    repo.write(".todos/export/issues/td-a.yaml", "a2\n");
    repo.remove(".todos/export/issues/td-b.yaml");
    repo.write(".todos/export/issues/td-c.yaml", "c2\n");
    repo.remove(".todos/export/notes");
    repo.write(".todos/export-old/issues/td-a.yaml", "old2\n");
    repo.write("README", "r2\n");
    const ObjectId after = repo.commit("two");
    const Repository repository = repo.open();

    for (const char* prefix : {".todos/export", ".todos/export/"}) {
        const std::vector<PathChange> changes = gittd::git::diff_commits(repository, before, after, prefix);
        CHECK(describe(changes) ==
              "M .todos/export/issues/td-a.yaml\n"
              "D .todos/export/issues/td-b.yaml\n"
              "A .todos/export/issues/td-c.yaml\n"
              "D .todos/export/notes/nt-1.yaml\n");
        REQUIRE(changes.size() == 4);
        CHECK(hex_of(changes[0].old_id) == repo.id("HEAD~1:.todos/export/issues/td-a.yaml").hex());
        CHECK(hex_of(changes[0].new_id) == repo.id("HEAD:.todos/export/issues/td-a.yaml").hex());
        CHECK(changes[0].old_kind == EntryKind::blob);
        CHECK(changes[0].new_kind == EntryKind::blob);
        CHECK(hex_of(changes[1].old_id) == repo.id("HEAD~1:.todos/export/issues/td-b.yaml").hex());
        CHECK_FALSE(changes[1].new_id);
        CHECK_FALSE(changes[2].old_id);
        CHECK(hex_of(changes[2].new_id) == repo.id("HEAD:.todos/export/issues/td-c.yaml").hex());
        // Callers read the blobs they need.
        CHECK(gittd::git::read_blob(repository, *changes[2].new_id) == "c2\n");
    }

    CHECK(describe(gittd::git::diff_commits(repository, before, after, "")) ==
          "M .todos/export-old/issues/td-a.yaml\n"
          "M .todos/export/issues/td-a.yaml\n"
          "D .todos/export/issues/td-b.yaml\n"
          "A .todos/export/issues/td-c.yaml\n"
          "D .todos/export/notes/nt-1.yaml\n"
          "M README\n");
    CHECK(gittd::git::diff_commits(repository, before, before, ".todos/export").empty());
}

TEST_CASE("diff_commits takes an absent commit as the empty tree") {
    TestRepository repo;
    repo.write("records/issues/td-a.yaml", "a\n");
    repo.write("records/git-td.yaml", "format: yaml\n");
    repo.write("README", "r\n");
    const ObjectId commit = repo.commit("one");
    const Repository repository = repo.open();
    const std::vector<PathChange> added = gittd::git::diff_commits(repository, std::nullopt, commit, "records");
    CHECK(describe(added) == "A records/git-td.yaml\nA records/issues/td-a.yaml\n");
    CHECK(describe(gittd::git::diff_commits(repository, commit, std::nullopt, "records")) ==
          "D records/git-td.yaml\nD records/issues/td-a.yaml\n");
}

TEST_CASE("diff_commits reports a file that became a symlink as one modified path") {
    TestRepository repo;
    repo.write("records/td-a.yaml", "a\n");
    repo.write("records/td-b.yaml", "b\n");
    const ObjectId before = repo.commit("file");
    repo.remove("records/td-a.yaml");
    repo.symlink("td-b.yaml", "records/td-a.yaml");
    const ObjectId after = repo.commit("symlink");
    const std::vector<PathChange> changes = gittd::git::diff_commits(repo.open(), before, after, "records");
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].path == "records/td-a.yaml");
    CHECK(changes[0].status == ChangeStatus::modified);
    CHECK(changes[0].old_kind == EntryKind::blob);
    CHECK(changes[0].new_kind == EntryKind::symlink);
}

TEST_CASE("diff_commits lists what is below the folder, not a file that had the folder's path") {
    TestRepository repo;
    repo.write("records", "a file first\n");
    const ObjectId before = repo.commit("file");
    repo.remove("records");
    repo.write("records/td-a.yaml", "a\n");
    const ObjectId after = repo.commit("folder");
    CHECK(describe(gittd::git::diff_commits(repo.open(), before, after, "records")) == "A records/td-a.yaml\n");
}

TEST_CASE("diff_commits agrees with git diff-tree on random histories (names that sort around '/')") {
    // Names chosen where git's order of a folder ("b" as "b/") differs from
    // plain name order: "b-c" and "b.c" sort before "b/", "b0" after.
    const std::vector<std::string> paths = {"a",     "b",     "b-c",   "b.c",   "b0",      "b/x",
                                            "b/y/z", "b/y-z", "c/d/e", "c/d.e", "c/d/f/g", "c/d0"};
    std::mt19937 random(20261202);
    TestRepository repo;
    repo.write("keep", "k\n");
    std::vector<ObjectId> commits{repo.commit("start")};
    const auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
    for (int round = 0; round < 40; ++round) {
        for (int edit = 0; edit < 3; ++edit) {
            const std::string& path = paths[pick(paths.size())];
            // Whatever stands in the way (a file where a folder goes, or the reverse) goes first.
            std::filesystem::path walk;
            for (const auto& part : std::filesystem::path(path)) {
                walk /= part;
                if (walk != std::filesystem::path(path) && std::filesystem::is_regular_file(repo.top() / walk))
                    repo.remove(walk.string());
            }
            repo.remove(path);
            switch (pick(4)) {
                case 0: break;  // removed
                case 1: repo.symlink("keep", path); break;
                default: repo.write(path, "round " + std::to_string(round) + "\n"); break;
            }
            if (pick(5) == 0 && std::filesystem::is_regular_file(repo.top() / path)) {
                std::filesystem::permissions(repo.top() / path, std::filesystem::perms::owner_exec,
                                             std::filesystem::perm_options::add);
            }
        }
        repo.git("add -A");
        repo.git("commit -q --allow-empty -m round");  // the edits may have undone each other
        commits.push_back(repo.id("HEAD"));
    }
    const Repository repository = repo.open();
    for (int pair = 0; pair < 60; ++pair) {
        const ObjectId& from = commits[pick(commits.size())];
        const ObjectId& to = commits[pick(commits.size())];
        for (const std::string prefix : {"", "b", "c/d"}) {
            // git's letters, a type change (T) being one modified path here.
            std::string expected = repo.git("diff-tree -r --no-renames --name-status " + from.hex() + " " + to.hex() +
                                            (prefix.empty() ? "" : " -- " + prefix + "/"));
            std::vector<std::string> lines;
            std::istringstream stream(expected);
            for (std::string line; std::getline(stream, line);) {
                if (line[0] == 'T') line[0] = 'M';
                lines.push_back(line.substr(0, 1) + " " + line.substr(2) + "\n");
            }
            std::sort(lines.begin(), lines.end(),
                      [](const std::string& a, const std::string& b) { return a.substr(2) < b.substr(2); });
            expected.clear();
            for (const std::string& line : lines) expected += line;
            INFO("from " << from.hex() << " to " << to.hex() << " under '" << prefix << "'");
            CHECK(describe(gittd::git::diff_commits(repository, from, to, prefix)) == expected);
        }
    }
}
