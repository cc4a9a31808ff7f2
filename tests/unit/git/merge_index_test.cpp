#include <catch2/catch.hpp>

#include "git/test_repository.hpp"
#include "gittd/git/merge_index.hpp"

using gittd::git::MergeIndex;
using gittd::git::MergeSides;
using gittd::git::Repository;
using gittd::git::SideChange;

namespace {

std::string describe(const std::map<std::string, SideChange>& changes) {
    std::string text;
    for (const auto& [path, change] : changes) {
        text += path + ": " + change.before.value_or("(none)") + " -> " + change.after + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("MergeIndex: a stopped merge's conflicts, and what each side changed since the merge base") {
    TestRepository repo;
    repo.write(".todos/export/issues/td-a.yaml", "a0");
    repo.write(".todos/export/issues/td-b.yaml", "b0");
    repo.write(".todos/export/issues/td-gone.yaml", "g0");
    repo.write("README", "r0");
    repo.commit("base");
    repo.git("checkout -q -b theirs");
    repo.write(".todos/export/issues/td-a.yaml", "a-theirs");
    repo.write(".todos/export/issues/td-t.yaml", "t");
    repo.commit("theirs");
    repo.git("checkout -q main");
    repo.write(".todos/export/issues/td-a.yaml", "a-ours");
    repo.write(".todos/export/issues/td-b.yaml", "b-ours");
    repo.write(".todos/export/issues/td-o.yaml", "o");
    repo.remove(".todos/export/issues/td-gone.yaml");  // deletions are no side's change to merge
    repo.write("README", "r-ours");                    // outside the prefix
    repo.commit("ours");

    const Repository before_merge = repo.open();
    std::string why;
    CHECK_FALSE(MergeIndex(before_merge).sides(".todos/export/", why));
    CHECK_THAT(why, Catch::Contains("no merge"));

    CHECK(repo.run("merge -q theirs >/dev/null 2>&1") != 0);  // td-a.yaml conflicts
    const Repository repository = repo.open();
    MergeIndex index(repository);
    const std::optional<MergeSides> sides = index.sides(".todos/export/", why);
    REQUIRE(sides);
    CHECK(sides->theirs_ref == "MERGE_HEAD");
    CHECK(describe(sides->ours) ==
          ".todos/export/issues/td-a.yaml: a0 -> a-ours\n"
          ".todos/export/issues/td-b.yaml: b0 -> b-ours\n"
          ".todos/export/issues/td-o.yaml: (none) -> o\n");
    CHECK(describe(sides->theirs) ==
          ".todos/export/issues/td-a.yaml: a0 -> a-theirs\n"
          ".todos/export/issues/td-t.yaml: (none) -> t\n");

    const std::vector<gittd::git::IndexConflict> conflicts = index.conflicts(".todos/export/");
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].path == ".todos/export/issues/td-a.yaml");
    CHECK(conflicts[0].base == std::optional<std::string>("a0"));
    CHECK(conflicts[0].ours == std::optional<std::string>("a-ours"));
    CHECK(conflicts[0].theirs == std::optional<std::string>("a-theirs"));
    CHECK(index.has(".todos/export/issues/td-a.yaml"));
    CHECK_FALSE(index.has(".todos/export/issues/td-gone.yaml"));
}
