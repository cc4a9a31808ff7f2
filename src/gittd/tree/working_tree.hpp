#pragma once
// The export tree as files in a checkout (`<worktree>/.todos/export`): a
// RecordSource with file stamps, so that an unchanged file is recognised by
// its stat without being read (a no-op import stats 240k files and reads none).
#include <filesystem>
#include <unordered_set>

#include "gittd/tree/record_source.hpp"

namespace gittd::tree {

class WorkingTree final : public RecordSource {
  public:
    explicit WorkingTree(std::filesystem::path export_dir) : export_dir_(std::move(export_dir)) {}

    const std::filesystem::path& export_dir() const { return export_dir_; }
    std::filesystem::path folder(const model::Kind& kind) const { return export_dir_ / kind.folder; }

    std::string describe(std::string_view relative) const override;
    std::optional<std::string> read_config() const override;
    std::vector<std::string> folders() const override;
    void list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const override;
    std::optional<std::string> read(const model::Kind& kind, std::string_view name) const override;

    // The names of the record files of a kind (either format, safe ids only)
    // from the folder's listing alone, without a stat per file: export stats
    // only the files of rows that changed. Other files are left out.
    std::unordered_set<std::string> record_files(const model::Kind& kind) const;
    // The stamp of the kind's file `name`, or nullopt when it does not exist.
    std::optional<FileStamp> stamp(const model::Kind& kind, std::string_view name) const;

  private:
    std::filesystem::path export_dir_;
};

}  // namespace gittd::tree
