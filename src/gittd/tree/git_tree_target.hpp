#pragma once
// A commit's export folder as an export target (export_target.hpp), for
// `git td sync`: records are read through libgit2 (git_tree_source.hpp),
// new files are stored as blobs the moment they are staged (the caller's
// CommitWriter keeps them in memory until it commits), and commit() hands
// the changes to `land` (which commits them), before export moves its base
// store: the base never agrees with a commit that was not made. A stamp is
// the blob's id, so an unchanged file is known without reading it.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gittd/git/commit_writer.hpp"
#include "gittd/tree/export_target.hpp"
#include "gittd/tree/git_tree_source.hpp"

namespace gittd::tree {

class GitTreeTarget final : public ExportTarget {
  public:
    // Stores bytes as a blob and returns its id.
    using BlobWriter = std::function<git::ObjectId(std::string_view bytes)>;
    // Applies the changes (paths from the repository's top) to the commit's tree.
    using Land = std::function<void(const std::vector<git::TreeUpdate>& updates)>;

    // The folder `export_path` of `commit` (nullopt: an empty tree, before
    // the first commit). `repository` must outlive the target.
    GitTreeTarget(const git::Repository& repository, const std::optional<git::ObjectId>& commit,
                  std::string export_path, BlobWriter write_blob, Land land);

    const RecordSource& source() const override;
    std::string where() const override;
    std::unordered_set<std::string> record_files(const model::Kind& kind) const override;
    std::optional<FileStamp> stamp(const model::Kind& kind, std::string_view name) const override;
    FileStamp stage(const model::Kind& kind, std::string_view name, std::string_view bytes) override;
    void remove(const model::Kind& kind, std::string_view name) override;
    void write_config(const TreeConfig& config) override;
    void commit() override { land_(updates_); }

  private:
    std::string path_of(std::string_view relative) const;

    std::optional<GitTreeSource> commit_source_;
    std::unique_ptr<RecordSource> empty_source_;  // stands for the commit when there is none
    std::string export_path_;
    BlobWriter write_blob_;
    Land land_;
    std::vector<git::TreeUpdate> updates_;
};

}  // namespace gittd::tree
