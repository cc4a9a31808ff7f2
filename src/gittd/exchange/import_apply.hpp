#pragma once
// Writes an import plan (import_plan.hpp) into td's database the way td
// writes: inside the caller's BEGIN IMMEDIATE transaction under td's lock,
// parents before children (deletes children first), named columns only, one
// action_log row per change in td's shape, and each new conflicts entry once
// in sync_conflicts. Then the new base, committed once the database holds the
// result.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/import_plan.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/td/action_log.hpp"
#include "gittd/td/row_writer.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

// How an error names where a record came from (its file in the tree).
using RecordNamer = std::function<std::string(const model::Kind&, const std::string& id)>;

struct ApplyOptions {
    std::string session_id;       // action_log.session_id of the rows written
    bool manual_cascade = false;  // foreign keys are off (td::enable_foreign_keys): cascade by hand
    RecordNamer describe_record = {};
};

struct AppliedPlan {
    size_t new_conflicts = 0;  // rows added to sync_conflicts
    // The rowids of the rows inserted, by table; or unknown (SQLite
    // without RETURNING).
    std::map<std::string, std::vector<std::int64_t>> inserted_rowids;
    bool inserted_rowids_known = true;
};

// Writes plans kind by kind: write_rows for each kind in kind order
// (parents first), then delete_rows for the kinds in reverse order
// (children first), all in the caller's transaction.
class PlanWriter {
  public:
    PlanWriter(db::TdDatabase& database, const ApplyOptions& options, Diagnostics& diagnostics);

    // Inserts and updates of one kind, and the sync_conflicts of its records.
    void write_rows(const KindPlan& plan);
    // The kind's removals (records planned `remove`).
    void delete_rows(const KindPlan& plan);
    const AppliedPlan& result() const { return result_; }

  private:
    template <typename Write>
    void naming_record(const RecordPlan& record, Write write);
    db::Statement prepare_returning_rowid(const std::string& sql);
    void write_row(const td::RowWriter& writer, db::Statement& upsert, const RecordPlan& record);
    void record_conflicts(const RecordPlan& record);

    db::TdDatabase& database_;
    db::Connection& connection_;
    const ApplyOptions& options_;
    Diagnostics& diagnostics_;
    const std::string now_;
    td::ActionLogWriter action_log_;
    AppliedPlan result_;
};

// The new base (DESIGN §3), in the base store's transaction, which the
// caller commits once the database did: every planned record of `plan`
// (but those postponed) is put or erased ...
void put_planned(BaseStore& base, const KindPlan& plan);
// ... every file of `scan` that was touched or stepped back is restamped ...
void put_restamps(BaseStore& base, const KindScan& scan);
// ... and the rows `applied` inserted are named for export.
void put_applied(BaseStore& base, const AppliedPlan& applied);

}  // namespace gittd::exchange
