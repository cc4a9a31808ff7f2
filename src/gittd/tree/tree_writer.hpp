#pragma once
// What export writes to: a batch of changes to a working tree's export folder
// that lands together or not at all (short of a crash between renames). Each
// record file is staged in the worktree's temporary folder (util/files.hpp:
// git never sees it, and an interrupt removes it); commit()
// renames them all into place, then removes files and writes git-td.yaml. A
// batch destroyed without commit() removes its temporaries, so a record that
// fails to convert half-way leaves the tree as it was.
//
// New files are created in place instead (new_files_journal.hpp), on a
// thread of the writer's own (util/serial_worker.hpp): their system calls,
// half of a full export's time, overlap the conversion of the records that
// follow. What the caller does with a created file's stamp (the base store's
// entry) runs on the caller's thread, in the order the files were handed
// over, during a later create() or commit().
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gittd/tree/new_files_journal.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/serial_worker.hpp"

namespace gittd::tree {

// The largest file created in place: one page.
inline constexpr size_t in_place_limit = 4096;

// What to do with a file's stamp once it is written.
using Written = std::function<void(const FileStamp&)>;

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
    // show, in place; one that appeared since is staged instead. `then`
    // gets its stamp on this thread, now or during a later create() or
    // commit(); never if the batch is abandoned.
    void create(const model::Kind& kind, std::string_view name, std::string bytes, Written then);
    // Waits for the files handed to create() and calls their `then`.
    void settle();
    // Removes the kind's file `name` on commit.
    void remove(const model::Kind& kind, std::string_view name);
    // Writes git-td.yaml on commit.
    void write_config(const TreeConfig& config) { config_ = config; }

    void commit();

  private:
    // A file handed to the creating thread; only that thread touches it
    // until the worker counts it finished.
    struct PendingCreate {
        const model::Kind* kind;
        int folder;
        const std::string* folder_path;
        std::string name;
        std::string bytes;
        Written then;
        FileStamp stamp{};
        bool existed = false;
    };
    void create_now(PendingCreate& file);  // on the creating thread
    // Hands the stamps of the files created so far to their `then`.
    void settle_finished();

    // First: it ends last, after the destructor has undone an unfinished batch.
    InterruptDeferral deferral_;
    const WorkingTree& tree_;
    NewFilesJournal* journal_;
    TempFolder temp_;
    StagedWrites writes_;
    // Plain strings, not std::filesystem::path: see StagedWrites on memory.
    std::vector<std::pair<const model::Kind*, std::string>> removals_;
    std::optional<TreeConfig> config_;
    // In place, removed unless committed; the creating thread's until it is joined.
    std::vector<std::pair<const model::Kind*, std::string>> created_;
    bool committed_ = false;
    std::deque<std::unique_ptr<PendingCreate>> pending_;  // handed over, `then` not yet called
    size_t settled_ = 0;                                  // files whose `then` was called
    std::optional<SerialWorker> creator_;                 // last: stopped first
};

}  // namespace gittd::tree
