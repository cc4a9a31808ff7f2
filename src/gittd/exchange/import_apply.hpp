#pragma once
// Writes an import plan (import_plan.hpp) into td's database the way td
// writes: inside the caller's BEGIN IMMEDIATE transaction under td's lock,
// parents before children (deletes children first), named columns only, one
// action_log row per change in td's shape, and each new conflicts entry once
// in sync_conflicts. Then, once the database holds the result, the new base.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/import_plan.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::exchange {

struct ApplyOptions {
    std::string session_id;       // action_log.session_id of the rows written
    bool manual_cascade = false;  // foreign keys are off (td::enable_foreign_keys): cascade by hand
    // How an error names where a record came from (its file in the tree).
    std::function<std::string(const model::Kind&, const std::string& id)> describe_record = {};
    Progress progress = {};  // told of the records written ("writing")
};

struct AppliedPlan {
    size_t new_conflicts = 0;  // rows added to sync_conflicts
    // The rowids of the rows inserted, by table; or unknown (SQLite
    // without RETURNING).
    std::map<std::string, std::vector<std::int64_t>> inserted_rowids;
    bool inserted_rowids_known = true;
};

AppliedPlan apply_plan(db::TdDatabase& database, const ImportPlan& plan, const ApplyOptions& options,
                       Diagnostics& diagnostics);

// Records what the database and the tree now agree on: every planned record
// (but those postponed) and every restamped file. In its own transaction of
// the base store, after the database committed, after recording
// `settlement` (tree_feed.hpp) when given, and of the rows `applied` deleted.
void update_base(BaseStore& base, const ImportPlan& plan, const std::vector<KindScan>& scans,
                 Settlement* settlement = nullptr, const AppliedPlan* applied = nullptr);

}  // namespace gittd::exchange
