#pragma once
// tree -> db (DESIGN §3): a three-way merge per record of the database's row
// and the tree's file against the base they last agreed on. Three steps per
// kind (import_pipeline.hpp runs them kind by kind):
//   1. scan (tree_scan.hpp): read and check every file changed since base;
//   2. plan (import_plan.hpp): under td's lock, in one BEGIN IMMEDIATE
//      transaction, decide what each record becomes;
//   3. apply (import_apply.hpp): write the plan in that transaction; once
//      every kind is written and the delete guard agrees, commit, then move
//      the base.
// Any problem rolls the transaction back: the database is as it was. A dry
// run stops after the plans, in a read transaction, without the lock.
#include <filesystem>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/import_plan.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/tree/record_source.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::exchange {

struct ImportOptions {
    bool dry_run = false;
    bool force = false;                 // allow deleting more than half of the records
    std::string session_id = "git-td";  // action_log.session_id of the rows import writes
    // Only recognise files that stepped back in history (tree_scan.hpp's
    // SteppedBack) and record them in the base store, so the export that
    // follows writes td's state over them; the database is not touched and
    // the agreed commit does not move. What pre-commit runs before it exports.
    bool steps_back_only = false;
    // Look only at the records git and git-td changed since the base store
    // was last settled (tree_feed.hpp), not at every file: what the hooks
    // run, right after git made the worktree match HEAD. Falls back to
    // scanning every file where git cannot answer.
    bool from_git = false;
    Progress progress;  // told of each kind's files ("importing issues") and of the writing
    // How many changed records of a kind are held at once (import_pipeline.hpp):
    // a full import's memory. Tests make it small to cross its boundaries.
    size_t part_size = 20000;
};

struct RecordChange {
    std::string folder, id;
    ImportAction action = ImportAction::none;
    bool had_row = false;  // the database held the record before the import
};

struct ImportReport {
    size_t files = 0;                   // record files in the tree (looked at, with from_git)
    bool every_file = true;             // false: only the tree feed's records were looked at
    size_t files_read = 0;              // files whose stamp changed since base (the others are not read)
    size_t new_conflicts = 0;           // conflicts entries copied into sync_conflicts
    std::vector<RecordChange> changes;  // every planned record whose action is not none
    size_t count(ImportAction action) const;
};

// `history`: the tree of the history base (tree_scan.hpp), or nullptr;
// `settlement`: the base store settled at HEAD (tree_feed.hpp), recorded with
// the import's own base changes; with options.from_git, its candidates are
// the only records looked at.
ImportReport import_tree(db::TdDatabase& database, const tree::RecordSource& source, BaseStore& base,
                         const tree::RecordSource* history, const ImportOptions& options, Diagnostics& diagnostics,
                         Settlement* settlement = nullptr);

// `git td import --from-td-export FILE`: td's own JSON export, merged like
// tree records that have no base (new rows inserted, existing ones merged).
// The base store is not involved: the export tree did not change.
ImportReport import_td_export(db::TdDatabase& database, const std::filesystem::path& file, const ImportOptions& options,
                              Diagnostics& diagnostics);

// import_tree on a workspace: its working tree into its database, against its
// base store (read-only for a dry run) and the tree of the merge base of its
// agreed commit and HEAD (agreed_commit.hpp), which then moves.
ImportReport import_workspace(const Workspace& workspace, const ImportOptions& options, Diagnostics& diagnostics);

// True when the workspace's database does not exist (a fresh clone: td's
// `td init` refuses there because `.todos/` holds the committed tree).
bool database_missing(const Workspace& workspace);

// DESIGN §3, the end: creates the workspace's missing database as `td init`
// would (td::NewDatabase, schema 38) and, when `import_tree_too` is set,
// imports the working tree into it before it is put in place, so the database
// appears complete or not at all. Any base store left from an earlier
// database at that path is forgotten first: it agreed with rows that are
// gone. Refuses (Error(database)) when the database exists. A dry run
// creates nothing: it plans the import against a scratch database outside
// the repository and returns what a real run would import.
ImportReport create_workspace_database(const Workspace& workspace, bool import_tree_too, const ImportOptions& options,
                                       Diagnostics& diagnostics);

}  // namespace gittd::exchange
