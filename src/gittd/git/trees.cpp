#include "gittd/git/trees.hpp"

#include <algorithm>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/sha1.hpp"

namespace gittd::git {

namespace {

EntryKind kind_of(std::uint32_t mode) {
    switch (mode) {
        case GIT_FILEMODE_BLOB:
        case GIT_FILEMODE_BLOB_EXECUTABLE: return EntryKind::blob;
        case GIT_FILEMODE_TREE: return EntryKind::tree;
        case GIT_FILEMODE_LINK: return EntryKind::symlink;
        case GIT_FILEMODE_COMMIT: return EntryKind::submodule;
        default: return EntryKind::other;
    }
}

TreeEntry entry_of(const git_tree_entry* entry) {
    // git_tree_entry_filemode normalises the modes old gits wrote (100664 is a 100644 file).
    const auto mode = static_cast<std::uint32_t>(git_tree_entry_filemode(entry));
    return {git_tree_entry_name(entry), to_object_id(*git_tree_entry_id(entry)), kind_of(mode), mode};
}

TreeHandle lookup_tree(const Repository& repository, const ObjectId& tree) {
    const git_oid oid = to_oid(tree);
    TreeHandle handle;
    check_git(git_tree_lookup(handle.out(), raw(repository), &oid), "cannot read tree " + tree.hex());
    return handle;
}

std::string_view without_trailing_slashes(std::string_view path) {
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    return path;
}

}  // namespace

const char* kind_name(EntryKind kind) {
    switch (kind) {
        case EntryKind::blob: return "a file";
        case EntryKind::tree: return "a folder";
        case EntryKind::symlink: return "a symlink";
        case EntryKind::submodule: return "a submodule";
        case EntryKind::other: break;
    }
    return "an unknown kind of entry";
}

ObjectId commit_tree(const Repository& repository, const ObjectId& commit) {
    const git_oid oid = to_oid(commit);
    CommitHandle handle;
    check_git(git_commit_lookup(handle.out(), raw(repository), &oid), "cannot read commit " + commit.hex());
    return to_object_id(*git_commit_tree_id(handle.get()));
}

std::vector<TreeEntry> list_tree(const Repository& repository, const ObjectId& tree) {
    const TreeHandle handle = lookup_tree(repository, tree);
    const size_t count = git_tree_entrycount(handle.get());
    std::vector<TreeEntry> entries;
    entries.reserve(count);
    for (size_t i = 0; i < count; ++i) entries.push_back(entry_of(git_tree_entry_byindex(handle.get(), i)));
    return entries;
}

std::optional<TreeEntry> find_entry(const Repository& repository, const ObjectId& tree, std::string_view path) {
    const std::string relative(without_trailing_slashes(path));
    if (relative.empty()) return std::nullopt;
    const TreeHandle handle = lookup_tree(repository, tree);
    TreeEntryHandle entry;
    // git_tree_entry_bypath walks trees only: a symlink or file on the way
    // ends the walk with ENOTFOUND, never at the link's target.
    const int rc = git_tree_entry_bypath(entry.out(), handle.get(), relative.c_str());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    check_git(rc, relative + ": cannot look up in tree " + tree.hex());
    return entry_of(entry.get());
}

std::optional<std::vector<TreeEntry>> list_tree_at(const Repository& repository, const ObjectId& commit,
                                                   std::string_view path) {
    const ObjectId root = commit_tree(repository, commit);
    const std::string_view relative = without_trailing_slashes(path);
    if (relative.empty()) return list_tree(repository, root);
    const std::optional<TreeEntry> entry = find_entry(repository, root, relative);
    if (!entry) return std::nullopt;
    if (entry->kind != EntryKind::tree) {
        throw Error(ErrorCode::invalid_input, repository.short_id(commit) + ":" + std::string(relative) + ": " +
                                                  kind_name(entry->kind) + ", not a folder");
    }
    return list_tree(repository, entry->id);
}

std::string read_blob(const Repository& repository, const ObjectId& blob) {
    const git_oid oid = to_oid(blob);
    BlobHandle handle;
    check_git(git_blob_lookup(handle.out(), raw(repository), &oid), "cannot read blob " + blob.hex());
    const auto* data = static_cast<const char*>(git_blob_rawcontent(handle.get()));
    return std::string(data, static_cast<size_t>(git_blob_rawsize(handle.get())));
}

size_t blob_size(const Repository& repository, const ObjectId& blob) {
    git_odb* odb = nullptr;
    check_git(git_repository_odb(&odb, raw(repository)), "cannot open the object database");
    const git_oid oid = to_oid(blob);
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    const int rc = git_odb_read_header(&size, &type, odb, &oid);
    git_odb_free(odb);
    check_git(rc, "cannot read blob " + blob.hex());
    return size;
}

ObjectId blob_id(std::string_view bytes) {
    // git's object id, "blob <size>\0" and the bytes, through mbedTLS's plain
    // SHA-1: libgit2's git_odb_hash uses SHA-1 with collision detection,
    // which cost three times as much here (every file of a full export is
    // hashed). The ids differ only for bytes built to collide, which no
    // export writes; a difference would only cost a comparison.
    Sha1 sha1;
    const std::string header = "blob " + std::to_string(bytes.size());
    sha1.update(std::string_view(header.c_str(), header.size() + 1));
    sha1.update(bytes);
    ObjectId id;
    const std::array<unsigned char, 20> digest = sha1.finish();
    std::copy(digest.begin(), digest.end(), id.bytes.begin());
    return id;
}

namespace {

// git's order of a tree's entries (libgit2 keeps them so): by name, a
// folder's name compared as if it ended in '/'.
int git_order(const git_tree_entry* a, const git_tree_entry* b) {
    const std::string_view x = git_tree_entry_name(a), y = git_tree_entry_name(b);
    const size_t common = std::min(x.size(), y.size());
    if (const int c = x.compare(0, common, y.substr(0, common)); c != 0) return c;
    const auto next = [common](std::string_view name, const git_tree_entry* entry) -> unsigned char {
        if (name.size() > common) return static_cast<unsigned char>(name[common]);
        return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? '/' : '\0';
    };
    return static_cast<int>(next(x, a)) - static_cast<int>(next(y, b));
}

TreeHandle subtree(git_repository* repository, const git_tree_entry* entry) {
    TreeHandle tree;
    check_git(git_tree_lookup(tree.out(), repository, git_tree_entry_id(entry)),
              std::string("cannot read folder ") + git_tree_entry_name(entry));
    return tree;
}

// The changes between two trees (either may be null: the empty tree) under
// path `under` ("" or ending in '/'): both trees' entries walked in git's
// order side by side, and a folder descended into only when its id differs
// (a folder of 50k records unchanged on both sides costs one comparison).
// A file and a folder of one name are a removal and additions, as git's own
// tree diff reports them.
void collect_changes(git_repository* repository, const git_tree* from, const git_tree* to, const std::string& under,
                     std::vector<PathChange>& changes) {
    const size_t from_count = from ? git_tree_entrycount(from) : 0, to_count = to ? git_tree_entrycount(to) : 0;
    const auto one_side = [&](const git_tree_entry* entry, bool added) {
        const std::string path = under + git_tree_entry_name(entry);
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
            const TreeHandle tree = subtree(repository, entry);
            collect_changes(repository, added ? nullptr : tree.get(), added ? tree.get() : nullptr, path + "/",
                            changes);
            return;
        }
        PathChange change;
        change.path = path;
        change.status = added ? ChangeStatus::added : ChangeStatus::deleted;
        const TreeEntry side = entry_of(entry);
        (added ? change.new_id : change.old_id) = side.id;
        (added ? change.new_kind : change.old_kind) = side.kind;
        changes.push_back(std::move(change));
    };
    size_t i = 0, j = 0;
    while (i < from_count || j < to_count) {
        const git_tree_entry* before = i < from_count ? git_tree_entry_byindex(from, i) : nullptr;
        const git_tree_entry* after = j < to_count ? git_tree_entry_byindex(to, j) : nullptr;
        const int order = !before ? 1 : !after ? -1 : git_order(before, after);
        if (order < 0) {
            one_side(before, false);
            ++i;
            continue;
        }
        if (order > 0) {
            one_side(after, true);
            ++j;
            continue;
        }
        ++i, ++j;
        const TreeEntry old_entry = entry_of(before), new_entry = entry_of(after);
        if (old_entry.id == new_entry.id && old_entry.mode == new_entry.mode) continue;
        if (old_entry.kind == EntryKind::tree) {  // both folders (one order, one kind of name)
            const TreeHandle old_tree = subtree(repository, before), new_tree = subtree(repository, after);
            collect_changes(repository, old_tree.get(), new_tree.get(), under + old_entry.name + "/", changes);
            continue;
        }
        PathChange change;
        change.path = under + new_entry.name;
        change.status = ChangeStatus::modified;
        change.old_id = old_entry.id;
        change.new_id = new_entry.id;
        change.old_kind = old_entry.kind;
        change.new_kind = new_entry.kind;
        changes.push_back(std::move(change));
    }
}

// The folder at `folder` in commit `commit`'s tree ("" for the top), or
// null when the commit is absent or has no folder there (a file of that
// name is not the folder).
TreeHandle folder_tree(const Repository& repository, const std::optional<ObjectId>& commit, const std::string& folder) {
    if (!commit) return {};
    const ObjectId root = commit_tree(repository, *commit);
    if (folder.empty()) return lookup_tree(repository, root);
    const std::optional<TreeEntry> entry = find_entry(repository, root, folder);
    if (!entry || entry->kind != EntryKind::tree) return {};
    return lookup_tree(repository, entry->id);
}

}  // namespace

std::vector<PathChange> diff_commits(const Repository& repository, const std::optional<ObjectId>& from,
                                     const std::optional<ObjectId>& to, std::string_view prefix) {
    const std::string folder(without_trailing_slashes(prefix));
    const TreeHandle before = folder_tree(repository, from, folder), after = folder_tree(repository, to, folder);
    if (!before && !after) return {};
    // The folder's own tree ids answer "nothing changed" without a walk (a
    // commit of code changes no record: a hook asks that on every commit).
    if (before && after && git_oid_equal(git_tree_id(before.get()), git_tree_id(after.get()))) return {};
    std::vector<PathChange> changes;
    collect_changes(raw(repository), before.get(), after.get(), folder.empty() ? std::string() : folder + "/", changes);
    std::sort(changes.begin(), changes.end(), [](const PathChange& a, const PathChange& b) { return a.path < b.path; });
    return changes;
}

}  // namespace gittd::git
