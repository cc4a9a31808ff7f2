#include "gittd/git/trees.hpp"

#include <algorithm>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

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
    git_oid oid;
    check_git(git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB), "cannot hash a blob");
    return to_object_id(oid);
}

std::vector<PathChange> diff_commits(const Repository& repository, const std::optional<ObjectId>& from,
                                     const std::optional<ObjectId>& to, std::string_view prefix) {
    // A null tree is libgit2's empty tree.
    TreeHandle from_tree, to_tree;
    if (from) from_tree = lookup_tree(repository, commit_tree(repository, *from));
    if (to) to_tree = lookup_tree(repository, commit_tree(repository, *to));

    std::string folder(without_trailing_slashes(prefix));
    // The folder's own tree ids answer "nothing changed" without a walk (a
    // commit of code changes no record: a hook asks that on every commit).
    if (from && to && !folder.empty()) {
        const std::optional<TreeEntry> before = find_entry(repository, commit_tree(repository, *from), folder);
        const std::optional<TreeEntry> after = find_entry(repository, commit_tree(repository, *to), folder);
        if (!before && !after) return {};
        if (before && after && before->id == after->id && before->mode == after->mode) return {};
    }
    git_diff_options options;
    check_git(git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION), "cannot set up a diff");
    // One change per path even when its kind changed; the prefix is a path,
    // not a glob (an export folder may hold '*').
    options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE | GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    char* specs[] = {folder.data()};
    if (!folder.empty()) options.pathspec = {specs, 1};
    DiffHandle diff;
    check_git(git_diff_tree_to_tree(diff.out(), raw(repository), from_tree.get(), to_tree.get(), &options),
              "cannot diff the trees under " + (folder.empty() ? std::string("the top") : folder));

    const std::string under = folder.empty() ? std::string() : folder + "/";
    std::vector<PathChange> changes;
    for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        PathChange change;
        switch (delta->status) {
            case GIT_DELTA_ADDED: change.status = ChangeStatus::added; break;
            case GIT_DELTA_DELETED: change.status = ChangeStatus::deleted; break;
            case GIT_DELTA_MODIFIED:
            case GIT_DELTA_TYPECHANGE: change.status = ChangeStatus::modified; break;
            default: continue;  // unmodified, ignored, untracked...: not produced between two trees
        }
        change.path = change.status == ChangeStatus::deleted ? delta->old_file.path : delta->new_file.path;
        // The pathspec also matches the folder's own path (a file named like it).
        if (change.path.compare(0, under.size(), under) != 0) continue;
        if (change.status != ChangeStatus::added) {
            change.old_id = to_object_id(delta->old_file.id);
            change.old_kind = kind_of(delta->old_file.mode);
        }
        if (change.status != ChangeStatus::deleted) {
            change.new_id = to_object_id(delta->new_file.id);
            change.new_kind = kind_of(delta->new_file.mode);
        }
        changes.push_back(std::move(change));
    }
    std::sort(changes.begin(), changes.end(), [](const PathChange& a, const PathChange& b) { return a.path < b.path; });
    return changes;
}

}  // namespace gittd::git
