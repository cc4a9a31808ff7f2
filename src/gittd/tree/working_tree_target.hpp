#pragma once
// A checkout's export folder as an export target (export_target.hpp): files
// that exist staged in the worktree's temporary folder and renamed into
// place together, new ones created in place under the journal
// (tree_writer.hpp); the temporary folder and the journal are made only
// once something is written, so a dry run or a no-op export leaves no trace.
#include <optional>

#include "gittd/tree/export_target.hpp"
#include "gittd/tree/tree_writer.hpp"
#include "gittd/tree/working_tree.hpp"

namespace gittd::tree {

class WorkingTreeTarget final : public ExportTarget {
  public:
    // Without a journal (a dry run) every file would go through a temporary.
    explicit WorkingTreeTarget(const WorkingTree& tree, std::optional<NewFilesJournal> journal = std::nullopt)
        : tree_(tree), journal_(std::move(journal)) {}

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
    void create(const model::Kind& kind, std::string_view name, std::string bytes, Written then) override {
        writer().create(kind, name, std::move(bytes), std::move(then));
    }
    void remove(const model::Kind& kind, std::string_view name) override { writer().remove(kind, name); }
    void write_config(const TreeConfig& config) override { writer().write_config(config); }
    void commit() override {
        if (writer_) writer_->commit();
    }
    std::optional<std::string> new_files_generation() const override {
        return journal_ ? journal_->generation() : std::nullopt;
    }
    void new_files_recorded() override {
        if (journal_) journal_->remove();
    }

  private:
    TreeWriter& writer() {
        if (!writer_) writer_.emplace(tree_, journal_ ? &*journal_ : nullptr);
        return *writer_;
    }
    const WorkingTree& tree_;
    std::optional<NewFilesJournal> journal_;
    std::optional<TreeWriter> writer_;  // after journal_: ends before it
};

}  // namespace gittd::tree
