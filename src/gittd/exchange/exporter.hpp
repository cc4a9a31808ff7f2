#pragma once
// db -> tree (DESIGN §3): one canonical file per shared record, three-way
// against the base store so an export never overwrites a tree change that has
// not been imported yet (a stale export clobbering a teammate's edit is how
// beads lost data):
//   row unchanged, file unchanged since base  -> nothing (the file is not read)
//   row changed, file unchanged               -> the file is rewritten
//   file changed since base (pulled, edited)  -> left alone: 'git td import' merges it
//   row deleted, file unchanged               -> the file is removed
// Changed files are staged and renamed into place only after every record
// converted; nothing is written when an id is unsafe or a guard refuses.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/tree/export_target.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::exchange {

struct ExportOptions {
    // Switch the tree to this format (rewrites every file and git-td.yaml).
    std::optional<format::Format> switch_format;
    bool dry_run = false;
    bool force = false;  // export an empty database over a non-empty tree
    bool full = false;   // distrust file stamps and the database stamp: compare every file
    // Told now and then how many records are done ("exporting").
    Progress progress;
    // What identifies the target's current state beside the database's
    // (sync: the branch's commit), so the fast path never trusts a base
    // store that agreed with another commit.
    std::string target_state;
};

struct KindCounts {
    std::string folder;
    size_t records = 0, written = 0, removed = 0;
};

struct ExportReport {
    format::Format format = format::Format::yaml;
    size_t records = 0, written = 0, removed = 0;
    bool database_unchanged = false;  // the fast path: nothing changed in td since the last export
    // How the database was read: "none" (its stamp is the last export's),
    // "changed rows" (those its file shows changed since the last export),
    // "every row" (no agreement to start from, or a row is gone).
    std::string database_read;
    std::vector<KindCounts> kinds;
    std::vector<std::string> written_paths;  // relative to the export dir
    std::vector<std::string> removed_paths;
    std::vector<std::string> awaiting_import;  // tree changes export left alone
    // Files of agreed records that are gone from the tree and were not
    // written back: removals that await import ('--full' writes them back).
    std::vector<std::string> missing_from_tree;
};

// Into any target (tree/export_target.hpp): a checkout's folder or a commit's tree.
ExportReport export_tree(db::TdDatabase& database, tree::ExportTarget& target, BaseStore& base,
                         const ExportOptions& options, Diagnostics& diagnostics);

// export_tree on a workspace: its database, its base store (read-only for a
// dry run) and its working tree.
ExportReport export_workspace(const Workspace& workspace, const ExportOptions& options, Diagnostics& diagnostics);

}  // namespace gittd::exchange
