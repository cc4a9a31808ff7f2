#pragma once
// Committing files onto a branch without a checkout, the way `git commit`
// would: blobs, trees and the commit are collected in memory and written as
// one pack (tens of thousands of loose objects cost more than the commit
// itself), then the branch moves with a reflog entry, compare-and-swap
// against the commit it was built on. Nothing here reads or writes the
// worktree; the index is updated only by update_index_entries, only for the
// paths it is given.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::git {

// One path of the new tree ('/'-separated, from the repository's top): its
// new bytes, or nullopt to remove it.
struct FileUpdate {
    std::string path;
    std::optional<std::string> bytes;
};

class CommitWriter {
  public:
    // Collects objects for `repository` in memory until commit() (or the
    // writer's end, which writes nothing).
    explicit CommitWriter(const Repository& repository);
    ~CommitWriter();
    CommitWriter(const CommitWriter&) = delete;
    CommitWriter& operator=(const CommitWriter&) = delete;

    // The tree of `parent` (the empty tree when nullopt) with `updates`
    // applied; the ids of the new blobs are written into `blob_ids` (same
    // order; absent for removals).
    ObjectId updated_tree(const std::optional<ObjectId>& parent, const std::vector<FileUpdate>& updates,
                          std::vector<std::optional<ObjectId>>& blob_ids);

    // A commit of `tree` on `parent` by the configured user (user.name,
    // user.email, as git commit takes them), written into one pack, and the
    // branch HEAD names moved to it (HEAD itself when detached), provided
    // it still points at `parent`; reflog "commit: <first line>" as git
    // writes. Throws Error(git) naming the cause otherwise.
    ObjectId commit(const std::optional<ObjectId>& parent, const ObjectId& tree, const std::string& message);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// What git is in the middle of ("a merge", "a rebase", "a cherry-pick", "a
// revert", "git am"), whose next commit is git's to make, or nullopt.
std::optional<std::string> operation_in_progress(const Repository& repository);

// Points the index entries of `paths` at `blob_ids` (nullopt: removes the
// entry), with the stat of the worktree's file so git sees them clean;
// every other entry stays exactly as it was. Takes the index lock as git does.
void update_index_entries(const Repository& repository, const std::vector<std::string>& paths,
                          const std::vector<std::optional<ObjectId>>& blob_ids);

}  // namespace gittd::git
