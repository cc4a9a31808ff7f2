#pragma once
// The index of a merge that stopped with conflicts, through libgit2: the
// conflicted paths with the blobs of their stages, staging a resolution, and
// the two sides of the merge (which records each side added or changed since
// the merge base), which `git td resolve` needs to tell whose children a
// re-keyed record has.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/git/repository.hpp"

namespace gittd::git {

// One conflicted path: the blob bytes of stage 1 (base), 2 (ours) and 3
// (theirs), each absent when git recorded no such stage.
struct IndexConflict {
    std::string path;  // in the repository, '/'-separated
    std::optional<std::string> base, ours, theirs;
};

// A file that differs between the merge base and one side's commit.
struct SideChange {
    std::optional<std::string> before;  // at the merge base (absent: the side added it)
    std::string after;                  // at the side's commit
};

// The two sides of the operation in progress, as git's merge saw them:
// `git merge`/`git pull`: ours HEAD, theirs MERGE_HEAD, base their merge base;
// `git cherry-pick`: theirs CHERRY_PICK_HEAD, base its parent; `git rebase`:
// ours the rebuilt HEAD (upstream), theirs REBASE_HEAD (the commit being
// replayed), base its parent. Changes are keyed by path.
struct MergeSides {
    std::string theirs_ref;  // MERGE_HEAD, CHERRY_PICK_HEAD or REBASE_HEAD
    std::map<std::string, SideChange> ours, theirs;
};

class MergeIndex {
  public:
    // The index of `repository`, which must outlive the MergeIndex.
    explicit MergeIndex(const Repository& repository);
    ~MergeIndex();
    MergeIndex(const MergeIndex&) = delete;
    MergeIndex& operator=(const MergeIndex&) = delete;

    // Conflicted paths under `prefix` (e.g. ".todos/export/"), sorted.
    std::vector<IndexConflict> conflicts(std::string_view prefix) const;
    // Whether the index has `path` at any stage.
    bool has(const std::string& path) const;
    // The sides, restricted to paths under `prefix`; nullopt with `why` set
    // when no merge, cherry-pick or rebase is in progress (or an octopus merge).
    std::optional<MergeSides> sides(std::string_view prefix, std::string& why) const;

    // Writes `bytes` to the worktree file (atomically) and stages it, which
    // clears the path's conflict stages, as `git add` does.
    void stage(const std::string& path, std::string_view bytes);
    // Removes the worktree file and every stage of `path`, as `git rm` does.
    void remove(const std::string& path);
    // Writes the index (under git's index.lock).
    void write();

  private:
    const Repository& repository_;
    struct Handles;
    std::unique_ptr<Handles> handles_;
    std::filesystem::path workdir_;
};

}  // namespace gittd::git
