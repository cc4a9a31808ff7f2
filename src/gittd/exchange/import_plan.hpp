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
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/util/diagnostics.hpp"

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

// One kind's plan: every change of its scan, in id order.
struct KindPlan {
    const model::Kind* kind = nullptr;
    std::vector<RecordPlan> records;  // records with action none included
    size_t total_records = 0;         // rows of the kind the database holds
    size_t deletes = 0;               // deletes and soft deletes
};

// What the kinds planned so far do to the rows a later kind may name as its
// parent, by table: written (inserted or updated; a dry run writes none, so
// the database cannot answer for them) and deleted outright (at the end of
// the import, so the database still holds them when the children are
// planned).
struct PlannedParents {
    std::map<std::string, std::set<std::string>> written, removed;
};

// Plans the changes of `scan` against the rows the database holds now
// (inside the caller's transaction, so the rows cannot move under the plan),
// postponing rows whose parent is in neither the database nor the tree.
// Kinds are planned parents first (model::all_kinds); `parents` says what the
// kinds before did to theirs and learns what this one does. Consumes the
// scan's changes. With `later`, a change whose file holds another record
// than the row of its id (their birth fields differ: the other side of an id
// collision) is moved there unplanned: the record re-keyed away from that id
// may be in a later part of the scan, and its row must move (rekey_follow.hpp)
// before the file's record is planned over it.
KindPlan plan_kind(db::TdDatabase& database, KindScan& scan, PlannedParents& parents, Diagnostics& diagnostics,
                   std::vector<TreeChange>* later = nullptr);

// The delete guard, over every kind of one import.
struct DeleteGuard {
    size_t total_records = 0;              // records the database holds, as the tree counts them
    size_t deletes = 0;                    // deletes and soft deletes
    std::set<const model::Kind*> counted;  // kinds whose records are in total_records

    // A plan (the first of a kind counts its records: later parts were
    // counted after its first part's writes).
    void add(const KindPlan& plan) {
        if (counted.insert(plan.kind).second) total_records += plan.total_records;
        deletes += plan.deletes;
    }
    // The records of a kind that had no changes.
    void add_unplanned(const model::Kind& kind, size_t records) {
        if (counted.insert(&kind).second) total_records += records;
    }
    // Throws Error(guard) when the import deletes more than half of the records.
    void check(bool force) const;
};

}  // namespace gittd::exchange
