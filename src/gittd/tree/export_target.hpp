#pragma once
// What export writes to (exchange/exporter.hpp): a tree of record files it
// can list, stamp and read, and a batch of changes that lands together or
// not at all. Two implementations, one exporter:
//   - WorkingTreeTarget (working_tree_target.hpp): a checkout's
//     `.todos/export`, files staged and renamed into place (inline mode);
//   - GitTreeTarget (git_tree_target.hpp): a commit's tree, blobs stored and
//     a new tree built, the worktree never touched (`git td sync`).
// A stamp is whatever tells the target that a file was not rewritten: a
// file's stat, or a blob's id.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "gittd/model/kinds.hpp"
#include "gittd/tree/file_stamp.hpp"
#include "gittd/tree/record_source.hpp"
#include "gittd/tree/tree_config.hpp"

namespace gittd::tree {

class ExportTarget {
  public:
    virtual ~ExportTarget() = default;

    // The target as it stands, to read from (git-td.yaml, a record's bytes).
    virtual const RecordSource& source() const = 0;
    // How messages name the export folder.
    virtual std::string where() const = 0;
    // The names of the record files of a kind (either format, safe ids only),
    // from a listing alone; a link is refused.
    virtual std::unordered_set<std::string> record_files(const model::Kind& kind) const = 0;
    // The stamp of the kind's file `name`, or nullopt when it does not exist.
    virtual std::optional<FileStamp> stamp(const model::Kind& kind, std::string_view name) const = 0;

    // Stages `bytes` as the kind's file `name`; returns the stamp it will have.
    virtual FileStamp stage(const model::Kind& kind, std::string_view name, std::string_view bytes) = 0;
    // Creates the kind's file `name`, which record_files() did not list, and
    // hands its stamp to `then`: at once, or (a checkout's file created in
    // place, tree_writer.hpp) during a later create() or commit(), in the
    // order of those calls. Where it lands at once,
    // new_files_generation() names the export that must record it.
    using Written = std::function<void(const FileStamp&)>;
    // By value: an override hands both to another thread.
    // NOLINTNEXTLINE(performance-unnecessary-value-param)
    virtual void create(const model::Kind& kind, std::string_view name, std::string bytes, Written then) {
        then(stage(kind, name, bytes));
    }
    // Removes the kind's file `name` on commit.
    virtual void remove(const model::Kind& kind, std::string_view name) = 0;
    // Writes git-td.yaml on commit.
    virtual void write_config(const TreeConfig& config) = 0;
    // Lands every staged change together, after every `then` of create() has run.
    virtual void commit() = 0;

    // Files created in place (new_files_journal.hpp): the generation the
    // base store must record with them in its transaction, and the call
    // that says it has committed.
    virtual std::optional<std::string> new_files_generation() const { return std::nullopt; }
    virtual void new_files_recorded() {}
};

}  // namespace gittd::tree
