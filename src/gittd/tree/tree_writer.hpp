#pragma once
// What export writes to: a batch of changes to a working tree's export folder
// that lands together or not at all (short of a crash between renames). Each
// record file is staged in the worktree's temporary folder (util/files.hpp:
// git never sees it, and an interrupt removes it); commit()
// renames them all into place, then removes files and writes git-td.yaml. A
// batch destroyed without commit() removes its temporaries, so a record that
// fails to convert half-way leaves the tree as it was.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gittd/tree/new_files_journal.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/files.hpp"

namespace gittd::tree {

// The largest file created in place: one page.
inline constexpr size_t in_place_limit = 4096;

class TreeWriter {
  public:
    // Without a journal every file goes through a temporary.
    TreeWriter(const WorkingTree& tree, NewFilesJournal* journal)
        : tree_(tree), journal_(journal), temp_(tree.top()), writes_(temp_) {}
    ~TreeWriter();
    TreeWriter(const TreeWriter&) = delete;
    TreeWriter& operator=(const TreeWriter&) = delete;

    // Stages `bytes` as the kind's file `name`; returns the stamp the file
    // will have once in place (rename keeps inode, size and mtime).
    FileStamp stage(const model::Kind& kind, std::string_view name, std::string_view bytes);
    // Creates the kind's file `name`, which the folder's listing did not
    // show, in place; one that appeared since is staged instead. Returns its stamp.
    FileStamp create(const model::Kind& kind, std::string_view name, std::string_view bytes);
    // Removes the kind's file `name` on commit.
    void remove(const model::Kind& kind, std::string_view name);
    // Writes git-td.yaml on commit.
    void write_config(const TreeConfig& config) { config_ = config; }

    void commit();

  private:
    // First: it ends last, after the destructor has undone an unfinished batch.
    InterruptDeferral deferral_;
    const WorkingTree& tree_;
    NewFilesJournal* journal_;
    TempFolder temp_;
    StagedWrites writes_;
    // Plain strings, not std::filesystem::path: see StagedWrites on memory.
    std::vector<std::pair<const model::Kind*, std::string>> removals_;
    std::optional<TreeConfig> config_;
    std::vector<std::pair<const model::Kind*, std::string>> created_;  // in place, removed unless committed
    bool committed_ = false;
};

}  // namespace gittd::tree
