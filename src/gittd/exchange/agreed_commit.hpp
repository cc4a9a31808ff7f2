#pragma once
// Which way time runs (DESIGN §3). The database keeps the commit it last
// agreed with — the commit checked out at its last import, or the last commit
// that carried its export — in the repository's common git dir, one file per
// database (its worktrees share it as they share the database), never
// committed. Import takes the base of every record from the merge base of
// that commit and HEAD: going back in history, that is HEAD itself, so
// nothing arrives; going forward or merging, the tree differs from it by
// exactly what the other line of history changed.
#include <filesystem>
#include <optional>

#include "gittd/exchange/workspace.hpp"
#include "gittd/git/object_id.hpp"

namespace gittd::exchange {

// <common git dir>/git-td/agreed (agreed-<key> for a database named by --db).
std::filesystem::path agreed_commit_path(const Workspace& workspace);

// Where an import stands in history.
struct ImportHistory {
    std::optional<git::ObjectId> head;    // nullopt: no commit yet
    std::optional<git::ObjectId> agreed;  // nullopt: none recorded, or no longer in the repository
    // The merge base of agreed and head: the commit whose tree holds every
    // record's base. nullopt falls back to the base store's last agreed
    // content, and a missing file is then never a deletion.
    std::optional<git::ObjectId> base;
};

ImportHistory find_import_history(const Workspace& workspace);

// After an import that succeeded: the database now holds HEAD's records, so
// HEAD becomes the agreed commit — unless HEAD is behind it (a step back in
// history), where the database is still ahead and keeps its agreed commit.
void advance_agreed_commit(const Workspace& workspace, const ImportHistory& history);

// A database created afresh agrees with no commit yet.
void forget_agreed_commit(const Workspace& workspace);

}  // namespace gittd::exchange
