#pragma once
// The export folder of a commit's tree as a RecordSource (record_source.hpp),
// read through libgit2's object database: no checkout, no worktree, no index.
// The tree is untrusted input (it may come from a fetch): a symlink is never
// followed, and one where a folder or git-td.yaml belongs is refused.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/record_source.hpp"

namespace gittd::tree {

inline constexpr const char* default_export_path = ".todos/export";

// A blob's id as a file stamp (20 bytes in the stamp's 24): equal stamps mean
// equal bytes. What sync's base store keeps for the files of its branch.
FileStamp blob_stamp(const git::ObjectId& blob);

class GitTreeSource : public RecordSource {
  public:
    // The folder `export_path` ('/'-separated, from the top of the repository;
    // "" for a tree kept at the top of its own branch) of `commit`. A commit
    // without that folder is an empty tree. Throws Error(invalid_input) when
    // something else than a folder is there. `repository` must outlive the source.
    // With `blob_stamps`, listed entries carry blob_stamp(id) as their stamp
    // (sync's import, whose base store keeps those); otherwise none.
    GitTreeSource(const git::Repository& repository, const git::ObjectId& commit,
                  std::string export_path = default_export_path, bool blob_stamps = false);

    // `<short commit id>:<export path>/<relative>`, which `git show` accepts.
    std::string describe(std::string_view relative) const override;
    // Throws Error(invalid_input) when git-td.yaml is a symlink or no file.
    std::optional<std::string> read_config() const override;
    // Plain files directly in the folder (git-td.yaml, .gitattributes) are
    // skipped; a symlink or submodule there is refused with Error(invalid_input).
    std::vector<std::string> folders() const override;
    // Entries that are not plain files (symlinks, folders, submodules) are
    // listed with regular = false; stamps as the constructor says. A kind folder that
    // is a symlink is refused, as in folders().
    void list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const override;
    // Throws Error(invalid_input) when `name` is not a plain file.
    std::optional<SourceEntry> entry(const model::Kind& kind, std::string_view name) const override;
    std::optional<std::string> read(const model::Kind& kind, std::string_view name) const override;

    const git::ObjectId& commit() const { return commit_; }
    // The entry `name` of the kind's folder with its blob id, or nullopt.
    std::optional<git::TreeEntry> tree_entry(const model::Kind& kind, std::string_view name) const;

  private:
    const git::TreeEntry* top_entry(std::string_view name) const;
    // The tree of the kind's folder, or nullopt when the folder is absent.
    std::optional<git::ObjectId> kind_tree(const model::Kind& kind) const;
    [[noreturn]] void refuse(std::string_view relative, const git::TreeEntry& entry, const char* wanted) const;

    const git::Repository& repository_;
    git::ObjectId commit_;
    bool blob_stamps_ = false;
    std::string export_path_;
    std::string short_commit_;
    // The entries of a kind folder by name, read once: a folder tree of 50k
    // entries is too big for libgit2's object cache, so a lookup per
    // record would parse it again each time.
    const std::unordered_map<std::string, git::TreeEntry>* folder_entries(const model::Kind& kind) const;

    std::vector<git::TreeEntry> top_;  // the entries directly in the export folder
    mutable std::map<std::string, std::unordered_map<std::string, git::TreeEntry>, std::less<>> folders_;
};

}  // namespace gittd::tree
