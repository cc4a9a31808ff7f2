#pragma once
// What `git td diff` with no range shows: how td's database differs from the
// export tree in the checkout, record by record and field by field. "Before"
// is the tree's file, "after" the database's row as export would write it, as
// `git diff` shows the index against the working tree. The records compared
// are those `git td status` lists (record_status.hpp): a record neither side
// changed since they last agreed is the same on both, so the cost follows
// the change, not the database.
#include "gittd/exchange/task_diff.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

// The workspace must have its td database. A tree file that does not decode
// is an Error naming it (the import dry run behind status refuses it first).
TaskDiff diff_database(const Workspace& workspace, Diagnostics& diagnostics);

}  // namespace gittd::exchange
