#pragma once
// Reading committed trees without a checkout: the entries of a tree, a blob's
// bytes, and what changed between two commits under a folder. What commit,
// fetch, merge and push of the export tree read; nothing here touches the
// worktree or the index. Paths are '/'-separated and relative to the
// repository's top. A symlink is never followed: it is an entry like any
// other, with its own kind.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::git {

enum class EntryKind {
    blob,       // a file (mode 100644 or 100755)
    tree,       // a folder
    symlink,    // mode 120000: the blob holds the link's target
    submodule,  // mode 160000: the id is a commit of another repository
    other,
};

// "a file", "a folder", "a symlink", ...: for messages.
const char* kind_name(EntryKind kind);

struct TreeEntry {
    std::string name;  // within its tree: no '/'
    ObjectId id;
    EntryKind kind = EntryKind::other;
    std::uint32_t mode = 0;  // git's file mode, e.g. 0100644
};

// The root tree of `commit`. Throws Error(git) when `commit` is no commit here.
ObjectId commit_tree(const Repository& repository, const ObjectId& commit);

// The entries of tree `tree`, in git's order (by name).
std::vector<TreeEntry> list_tree(const Repository& repository, const ObjectId& tree);

// The entry at `path` below tree `tree`, or nullopt when there is none. A path
// that leads through a symlink or a file names nothing.
std::optional<TreeEntry> find_entry(const Repository& repository, const ObjectId& tree, std::string_view path);

// The entries of the folder at `path` in `commit` ("" for its root), or
// nullopt when nothing is there. Throws Error(invalid_input) naming
// `<commit>:<path>` when something other than a folder is (a symlink too).
std::optional<std::vector<TreeEntry>> list_tree_at(const Repository& repository, const ObjectId& commit,
                                                   std::string_view path);

// The bytes of blob `blob` (a file's content, or a symlink's target).
std::string read_blob(const Repository& repository, const ObjectId& blob);

// The size of blob `blob`, from its header alone: what a reader checks
// before it inflates an untrusted blob of any size into memory.
size_t blob_size(const Repository& repository, const ObjectId& blob);

// The id git gives a file holding `bytes` (`git hash-object`), without
// writing anything: compares content with a tree entry without reading it.
ObjectId blob_id(std::string_view bytes);

enum class ChangeStatus { added, modified, deleted };

// One path that differs between two trees. A path whose kind changed (a file
// became a symlink) is one `modified` change with different kinds.
struct PathChange {
    std::string path;
    ChangeStatus status = ChangeStatus::modified;
    std::optional<ObjectId> old_id, new_id;  // absent on the side that has no entry
    EntryKind old_kind = EntryKind::other, new_kind = EntryKind::other;
};

// Every entry below folder `prefix` ("" for the whole tree; a trailing '/' is
// allowed) that differs between the trees of commits `from` and `to`, sorted
// by path; an absent commit stands for the empty tree. Folders are descended
// into, not listed; no rename detection. Blobs are not read: callers read
// the ones they need with read_blob.
std::vector<PathChange> diff_commits(const Repository& repository, const std::optional<ObjectId>& from,
                                     const std::optional<ObjectId>& to, std::string_view prefix);

}  // namespace gittd::git
