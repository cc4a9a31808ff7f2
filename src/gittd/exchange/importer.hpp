#pragma once
// tree -> db (DESIGN §3): a three-way merge per record of the database's row
// and the tree's file against the base they last agreed on.
//   tree unchanged since base        -> the database keeps its row
//   database unchanged since base    -> the tree's version is written
//   both changed                     -> merge_records(base, db, tree)
//   file removed, row unchanged      -> the row is deleted
//   file removed, row changed        -> the row is kept, and reported
// Every file is read and checked before the database is touched; writes
// happen under td's lock in one BEGIN IMMEDIATE transaction.
#include <filesystem>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

struct ImportOptions {
    bool dry_run = false;
    bool force = false;  // allow deleting more than half of the records
    std::string session_id = "git-td";  // action_log.session_id of the rows import writes
};

struct RecordChange {
    std::string folder, id;
    // insert, update, merge, recorded (merged, row unchanged, set-aside values
    // recorded), delete, kept, restored, postponed
    std::string action;
};

struct ImportReport {
    size_t files = 0;          // record files in the tree
    size_t files_read = 0;     // files whose stamp changed since base (the others are not read)
    size_t new_conflicts = 0;  // conflicts entries copied into sync_conflicts
    std::vector<RecordChange> changes;
    size_t count(const std::string& action) const;
};

ImportReport import_tree(db::TdDatabase& database, const std::filesystem::path& export_dir, BaseStore& base,
                         const ImportOptions& options, Diagnostics& diagnostics);

// `git td import --from-td-export FILE`: td's own JSON export, merged like
// tree records that have no base (new rows inserted, existing ones merged).
// The base store is not involved: the export tree did not change.
ImportReport import_td_export(db::TdDatabase& database, const std::filesystem::path& file,
                              const ImportOptions& options, Diagnostics& diagnostics);

}  // namespace gittd::exchange
