#pragma once
// `git td sync` (DESIGN §1, branch mode): td's database shared through a
// dedicated branch of any git remote, without touching the working tree,
// the index, HEAD or the current branch. One round:
//   fetch   the remote's branch (objects only; a failure here changes nothing);
//   export  the database onto the sync branch: a commit of a tree built in
//           memory (tree/git_tree_target.hpp), when td changed anything;
//   merge   the two in memory (sync_merge.hpp), or fast-forward;
//   push    the result, fast-forward only, before anything local moves: when
//           the remote moved meanwhile, another round (a bounded number);
//   import  the merged commit into the database, three-way against the
//           commit the database agreed with (DESIGN §3: the merge base of
//           the last synced commit and the new one, which is the former);
//   then the local branch and the remote-tracking ref move to it.
// The export's commit and the merged one are named by no ref until the
// round succeeded; the sync base store (beside the branch in the common git
// dir) records the one the database agrees with, in the same transaction as
// the agreement, so a sync that fails or is killed anywhere changes no ref
// and the next one continues from there. Two syncs at once are serialised
// by a lock; td's own writes interleave through td's lock.
#include <optional>
#include <string>

#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/exchange/sync_merge.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/git/object_id.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::exchange {

inline constexpr const char* default_sync_remote = "origin";
inline constexpr const char* default_sync_branch = "td-sync";
// Per-clone git config `git td init --mode branch` writes.
inline constexpr const char* sync_remote_key = "git-td.remote";
inline constexpr const char* sync_branch_key = "git-td.branch";

struct SyncOptions {
    std::optional<std::string> remote;  // default: git-td.remote, else origin
    std::optional<std::string> branch;  // default: git-td.branch, else td-sync
    bool push = true;
    // Fetch, then say what would be committed and what the remote brings;
    // write nothing. (Which of td's changes would conflict with the
    // remote's is only found by a real sync: nothing is committed to merge.)
    bool dry_run = false;
    bool force = false;  // let the import delete more than half of the records
    // Forget what this clone's database agreed with and join the remote's
    // branch as a first sync does (after the remote branch was replaced).
    bool rejoin = false;
    std::string session_id = "git-td";
    int max_rounds = 5;  // fetch-merge-push rounds while the remote keeps moving
    Progress progress;   // told how far fetch, import, export and push got
};

enum class SyncMergeKind {
    up_to_date,    // the remote has nothing this clone lacks
    no_remote,     // the remote has no sync branch yet
    fast_forward,  // the local branch was behind (or absent)
    merged,        // both moved: a merge commit
    joined,        // first sync of a clone with records: two histories joined
};
const char* to_string(SyncMergeKind kind);

struct SyncReport {
    std::string remote, branch;
    ExportReport exported;
    std::optional<git::ObjectId> exported_commit;  // the commit of td's changes, when there were any
    std::optional<git::ObjectId> remote_tip;       // what the last fetch found
    SyncMergeKind merge = SyncMergeKind::up_to_date;
    SyncMergeReport merged;
    ImportReport imported;
    std::optional<git::ObjectId> tip;  // the local sync branch afterwards
    bool pushed = false;
    int rounds = 0;
    bool database_created = false;
    // Seconds spent in each step, summed over the rounds (for --json and the benchmarks).
    double fetch_seconds = 0, export_seconds = 0, merge_seconds = 0, import_seconds = 0, push_seconds = 0;
};

// Throws Error naming the cause and the fix: not_found for a missing remote,
// git for a connection, authentication or push failure, invalid_input or
// untrusted for what the remote's branch holds, guard for unrelated history.
SyncReport sync_workspace(const Workspace& workspace, const SyncOptions& options, Diagnostics& diagnostics);

}  // namespace gittd::exchange
