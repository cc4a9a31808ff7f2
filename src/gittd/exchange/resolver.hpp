#pragma once
// `git td resolve` (DESIGN §6): finishes a merge of the export tree that git
// made without the merge driver (a clone that never ran `git td init`, a git
// host) or could not hand to it. From the index's conflict stages it
//   - re-merges each record both sides changed, exactly as the driver would;
//   - resolves modify/delete: the edit wins, soft-deleted (modify_delete.hpp);
//   - re-keys an add/add id collision: the later-created record gets a fresh
//     id, and the records its side added or changed to name it follow it
//     (id_rekey.hpp), link files whose id td derives from the key renamed;
// and reports what it leaves: unparsable or renamed records, files that are
// not records, and conflict markers committed into record files. It touches
// no td database: the user commits, then imports.
#include <string>
#include <vector>

#include "gittd/exchange/workspace.hpp"
#include "gittd/merge/tree_resolution.hpp"

namespace gittd::exchange {

using merge::ResolveStep;

struct ResolveReport {
    std::vector<ResolveStep> steps;
    size_t unresolved = 0;
    bool changed = false;  // files written and staged (false on a dry run)
};

// With `dry_run`, plans everything and writes nothing: worktree and index stay
// byte-identical.
ResolveReport resolve_merge(const Workspace& workspace, bool dry_run);

}  // namespace gittd::exchange
