#pragma once
// `git td commit`: td's state onto HEAD without hooks, without touching any
// other path. Export, then a commit of HEAD's tree with the export folder's
// paths that must change (commit_paths.hpp) replaced from the worktree — the
// files git-td wrote — written as one pack (git/commit_writer.hpp); the
// index entries of those paths follow the commit, every other entry and
// the worktree stay as they were. Then the database agrees with the new
// commit (an import from git, as post-commit runs).
#include <optional>
#include <string>

#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/git/object_id.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

struct TdCommitReport {
    ExportReport exported;
    std::optional<git::ObjectId> commit;  // nullopt: HEAD already holds td's state
    size_t files_changed = 0;             // paths of the export folder the commit changed
};

// Throws Error(git) mid-merge, rebase, cherry-pick, revert or bisect (a
// commit there is git's), naming the operation and what to run.
TdCommitReport commit_td_state(const Workspace& workspace, const std::string& message, Diagnostics& diagnostics);

}  // namespace gittd::exchange
