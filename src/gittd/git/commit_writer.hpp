#pragma once
// Committing files onto a branch without a checkout, the way `git commit`
// would: blobs, trees and the commit are collected in memory and written as
// one pack (tens of thousands of loose objects cost more than the commit
// itself), then the branch moves with a reflog entry, compare-and-swap
// against the commit it was built on. Nothing here reads or writes the
// worktree; the index is updated only by update_index_entries, only for the
// paths it is given.
#include <sys/stat.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// The same with the new bytes already stored (write_blob): their blob id.
struct TreeUpdate {
    std::string path;
    std::optional<ObjectId> blob;
};

// Where a commit goes: `ref` (a full name, refs/heads/...) moved to it
// provided it still names `expected` (nullopt: it must not exist yet), with
// `reflog` as its reflog entry. An empty `ref` moves nothing: the commit is
// only written (move_ref() can move a ref to it later).
struct RefUpdate {
    std::string ref;
    std::optional<ObjectId> expected;
    std::string reflog;
};

// Bytes with their blob id, hashed together when made (on any thread), so
// a writer stores them without hashing again and never under another id.
class HashedBlob {
  public:
    explicit HashedBlob(std::string bytes);
    // A moved-from blob is the empty blob, with the empty blob's id: the
    // pair stays true whatever happens to it.
    HashedBlob(HashedBlob&& other) noexcept;
    HashedBlob& operator=(HashedBlob&& other) noexcept;
    HashedBlob(const HashedBlob&) = default;
    HashedBlob& operator=(const HashedBlob&) = default;
    ~HashedBlob() = default;
    const std::string& bytes() const { return bytes_; }
    const ObjectId& id() const { return id_; }

  private:
    std::string bytes_;
    ObjectId id_;
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
    // The same for bytes stored already; removing a path the tree lacks is no change.
    ObjectId updated_tree(const std::optional<ObjectId>& parent, const std::vector<TreeUpdate>& updates);
    // Stores `bytes` as a blob (in memory until commit()) and returns its id.
    ObjectId write_blob(std::string_view bytes);
    ObjectId write_blob(const HashedBlob& blob);

    // A commit of `tree` on `parent` by the configured user (user.name,
    // user.email, as git commit takes them), written into one pack, and the
    // branch HEAD names moved to it (HEAD itself when detached), provided
    // it still points at `parent`; reflog "commit: <first line>" as git
    // writes. Throws Error(git) naming the cause otherwise.
    ObjectId commit(const std::optional<ObjectId>& parent, const ObjectId& tree, const std::string& message);
    // The same, written and packed, with the move of HEAD's branch left to
    // the caller (move_ref(pending.where)): for what must happen in between.
    struct PendingCommit {
        ObjectId id;
        RefUpdate where;
    };
    PendingCommit commit_without_moving(const std::optional<ObjectId>& parent, const ObjectId& tree,
                                        const std::string& message);
    // A commit of `tree` on `parents` (none: a root commit) by the configured
    // user, written into one pack, and `where` moved to it compare-and-swap.
    // Throws Error(git) when the ref moved meanwhile.
    ObjectId commit(const std::vector<ObjectId>& parents, const ObjectId& tree, const std::string& message,
                    const RefUpdate& where);

  private:
    void store_blob(const ObjectId& id, std::string_view bytes);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Moves `where.ref` to `commit` compare-and-swap, as CommitWriter::commit
// does; throws Error(git) when the ref moved meanwhile.
void move_ref(const Repository& repository, const ObjectId& commit, const RefUpdate& where);

// What git is in the middle of ("a merge", "a rebase", "a cherry-pick", "a
// revert", "git am"), whose next commit is git's to make, or nullopt.
std::optional<std::string> operation_in_progress(const Repository& repository);

// Points the index entry of each update's path at its blob (nullopt: removes
// the entry), with the stat of the file the blob was read from (`stats`,
// same order; where absent, an lstat of the worktree's file now) so git sees
// them clean; every other entry stays exactly as it was. Takes the index lock
// as git does.
void update_index_entries(const Repository& repository, const std::vector<TreeUpdate>& updates,
                          const std::vector<std::optional<struct stat>>& stats = {});

}  // namespace gittd::git
