#pragma once
// The export tree as files in a checkout (`<worktree>/.todos/export`): a
// RecordSource with file stamps, so that an unchanged file is recognised by
// its stat without being read (a no-op import stats 240k files and reads none).
//
// The tree is untrusted input (DESIGN §3.1): every folder is opened from the
// worktree's top one component at a time without following a link, and every
// file with O_NOFOLLOW (util/confined.hpp). A symbolic link anywhere — `.todos`,
// `.todos/export`, a kind folder, a record file, git-td.yaml — is refused with
// Error(untrusted) naming it; nothing is read or written through it.
#include <filesystem>
#include <map>
#include <string>
#include <unordered_set>

#include "gittd/tree/record_source.hpp"
#include "gittd/util/confined.hpp"

namespace gittd::tree {

// Where the export tree lives under a worktree's top.
inline constexpr const char* export_folder = ".todos/export";

class WorkingTree final : public RecordSource {
  public:
    // The tree at top/relative; `top` is the worktree (the user's own, so it
    // may itself be reached through a link), `relative` is untrusted.
    explicit WorkingTree(std::filesystem::path top, std::string relative = export_folder);

    const std::filesystem::path& top() const { return top_; }
    const std::filesystem::path& export_dir() const { return export_dir_; }
    // `inside` (a path in the tree) as a path from the worktree's top.
    std::string relative(std::string_view inside) const;
    std::filesystem::path folder(const model::Kind& kind) const { return export_dir_ / kind.folder; }

    std::string describe(std::string_view relative) const override;
    std::optional<std::string> read_config() const override;
    std::vector<std::string> folders() const override;
    void list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const override;
    std::optional<SourceEntry> entry(const model::Kind& kind, std::string_view name) const override;
    std::optional<std::string> read(const model::Kind& kind, std::string_view name) const override;
    // The same, with the stat of the file the bytes were read from.
    std::optional<FileRead> read_with_stat(const model::Kind& kind, std::string_view name) const;

    // The names of the record files of a kind (either format, safe ids only)
    // from the folder's listing alone, without a stat per file: export stats
    // only the files of rows that changed. Other files are left out; a link
    // is refused.
    std::unordered_set<std::string> record_files(const model::Kind& kind) const;
    // The stamp of the kind's file `name`, or nullopt when it does not exist.
    std::optional<FileStamp> stamp(const model::Kind& kind, std::string_view name) const;

    // The open export folder and kind folders (-1 when missing, unless
    // `create`), kept open for the tree's lifetime.
    int tree_fd(bool create = false) const;
    int folder_fd(const model::Kind& kind, bool create = false) const;
    // The kind folder's path, as a string that lives as long as the tree.
    const std::string& folder_path(const model::Kind& kind) const;

  private:
    std::filesystem::path top_;
    std::string relative_;
    std::filesystem::path export_dir_;
    mutable UniqueFd tree_;
    mutable std::map<std::string, UniqueFd, std::less<>> folders_;
    mutable std::map<std::string, std::string, std::less<>> folder_paths_;
};

}  // namespace gittd::tree
