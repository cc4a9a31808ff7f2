#pragma once
// A re-key that arrives (DESIGN §4). `git td resolve` (or a sync) gave a
// record this clone created a fresh id, because another clone's record drew
// the same one: the tree now carries this clone's record under the new id,
// with an id-collision entry naming the old one, and the other clone's record
// under the old id. This database still holds its record under the old id,
// and rows that name it which the re-key in the tree could not reach: rows
// never committed (a log written since), and machine-local ones
// (session_state's focus, git_snapshots, issue_session_history). Before
// import plans, the row and every row that names it move to the new id, so
// the other clone's record takes the old id and the next export writes this
// clone's rows under this clone's record.
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

struct RekeyedRecord {
    const model::Kind* kind = nullptr;
    std::string old_id, new_id;
    size_t rows_followed = 0;  // rows of other tables that named it
};

// Inside the import's write transaction (foreign keys are checked at its
// COMMIT): moves every record of `scan` that this database holds under the
// old id of a re-key. A record is this clone's when its birth fields agree
// with the re-keyed record's (merge/id_collision.hpp). Only kinds that come
// later (model::all_kinds) name a record, so a kind's re-keys are followed
// before the kinds that name it are planned; within a kind scanned in parts,
// the file that took the old id waits for the kind's last part (plan_kind's
// `later`), so the row moves before that file's record is planned over it.
std::vector<RekeyedRecord> follow_rekeys(db::TdDatabase& database, const KindScan& scan, Diagnostics& diagnostics);

}  // namespace gittd::exchange
