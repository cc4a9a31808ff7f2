#pragma once
// What an import will do, decided before anything is written (DESIGN §3): for
// every record whose tree file changed since the base, what its database row
// becomes and why. `--dry-run`, the delete guard and `git td status` read the
// plan; import_apply.hpp writes it.
//   tree unchanged since base        -> not in the plan (the row stays)
//   database unchanged since base    -> the tree's version is written
//   both changed                     -> merge_records(base, db, tree)
//   file removed, row unchanged      -> the row is deleted (soft-deleted,
//                                       as td deletes, for kinds with deleted_at)
//   file removed, row changed        -> the row is kept, and reported
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::exchange {

enum class ImportAction {
    none,         // the row already holds the tree's values: nothing to write
    insert,       // new in the tree: the row is added
    update,       // changed in the tree, not in the database: the tree's version is written
    merge,        // changed on both sides: the merged record is written
    recorded,     // merged and the row keeps its values; only the values set aside are new
    remove,       // removed from the tree, unchanged in the database: the row is deleted
    soft_delete,  // the same for a kind with deleted_at: the row is kept and marked deleted, as td does
    kept,         // removed from the tree but changed in the database: kept, export writes it back
    restored,     // agreed before, gone from the database, changed in the tree: written again
    postponed,    // its parent is in neither the database nor the tree: it waits for it
};

// The stable name of an action in output and JSON: insert, update, merge,
// recorded, delete, soft-delete, kept, restored, postponed (none: "none").
std::string_view action_name(ImportAction action);

struct RecordPlan {
    const model::Kind* kind = nullptr;
    std::string id;
    ImportAction action = ImportAction::none;
    std::string reason;                      // why, in words, for people
    std::optional<format::Document> before;  // the database row
    std::optional<format::Document> after;   // what the row becomes (nullopt: deleted)
    // The new base's record text, when it is not `after`'s (a merge's);
    // see agreed_text().
    std::optional<std::string> agreed;
    std::optional<FileStamp> stamp;             // the tree file's stamp, for the new base
    std::vector<format::Document> new_entries;  // conflicts entries to copy to sync_conflicts
    // The new base is `after` itself (the tree's version won): its text is
    // made when the base is written, not held for 240k records at once.
    bool agreed_is_after = false;

    // Whether apply writes the row (insert, update, merge, restored, soft_delete).
    bool writes_row() const;
    // The new base's record text (nullopt: erase the entry).
    std::optional<std::string> agreed_text() const;
};

// Decides one record from its change in the tree and its row now. Pure:
// reads nothing, writes nothing; `now` (RFC 3339 UTC) stamps a soft delete.
// Consumes change.tree (a full import plans 240k records and should not hold
// two copies of each).
RecordPlan plan_record(const model::Kind& kind, TreeChange& change, std::optional<format::Document> row,
                       std::string_view now);

struct ImportPlan {
    std::vector<RecordPlan> records;  // every kind, in kind order; records with action none included
    size_t total_records = 0;         // records the database holds, as the tree counts them
    size_t deletes = 0;               // deletes and soft deletes

    // Throws Error(guard) when the plan deletes more than half of the records.
    void check_delete_guard(bool force) const;
};

// Plans every change of `scans` against the rows the database holds now
// (inside the caller's transaction, so the rows cannot move under the plan),
// then postpones rows whose parent is in neither the database nor the plan.
// Consumes the scans' changes.
ImportPlan plan_import(db::TdDatabase& database, std::vector<KindScan>& scans, Diagnostics& diagnostics,
                       const Progress& progress = {});

}  // namespace gittd::exchange
