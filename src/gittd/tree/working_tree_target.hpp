#pragma once
// A checkout's export folder as an export target (export_target.hpp): files
// staged in the worktree's temporary folder and renamed into place together
// (tree_writer.hpp); the temporary folder is made only once something is
// written, so a dry run or a no-op export leaves no trace.
#include <optional>

#include "gittd/tree/export_target.hpp"
#include "gittd/tree/tree_writer.hpp"
#include "gittd/tree/working_tree.hpp"

namespace gittd::tree {

class WorkingTreeTarget final : public ExportTarget {
  public:
    explicit WorkingTreeTarget(const WorkingTree& tree) : tree_(tree) {}

    const RecordSource& source() const override { return tree_; }
    std::string where() const override { return tree_.export_dir().string(); }
    std::unordered_set<std::string> record_files(const model::Kind& kind) const override {
        return tree_.record_files(kind);
    }
    std::optional<FileStamp> stamp(const model::Kind& kind, std::string_view name) const override {
        return tree_.stamp(kind, name);
    }
    FileStamp stage(const model::Kind& kind, std::string_view name, std::string_view bytes) override {
        return writer().stage(kind, name, bytes);
    }
    void remove(const model::Kind& kind, std::string_view name) override { writer().remove(kind, name); }
    void write_config(const TreeConfig& config) override { writer().write_config(config); }
    void commit() override {
        if (writer_) writer_->commit();
    }

  private:
    TreeWriter& writer() {
        if (!writer_) writer_.emplace(tree_);
        return *writer_;
    }
    const WorkingTree& tree_;
    std::optional<TreeWriter> writer_;
};

}  // namespace gittd::tree
