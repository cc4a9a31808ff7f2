#pragma once
// How an import moves through the kinds (DESIGN §7: memory stays flat at
// 30k issues). Each kind is planned, written and put in the new base before
// the next kind's records are read, so a full import holds one kind's
// records at a time, not 240k.
//
// While the changes held are few, kinds are scanned ahead without td's lock:
// an ordinary import takes the lock only to plan and write, as before, and an
// import with nothing to do never takes it. Once they are many (a full
// import), the lock is taken and every kind is written as soon as it is
// scanned.
//
// Kinds go parents first (model::all_kinds), so a parent this import writes
// is in the database when its children are planned; deletes wait for the end
// and go children first. It is all one transaction of td's database and one
// of the base store: a record that does not read (in any kind), td refusing a
// row, or the delete guard (checked once every kind is planned) rolls both
// back, and the base commits only after the database did (decision 114).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/import_apply.hpp"
#include "gittd/exchange/import_plan.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/exchange/tree_feed.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

class ImportTransaction;

class ImportPipeline {
  public:
    // `base`: the base store to move (nullptr: records that come from no
    // tree); `settlement` is recorded first in its transaction.
    ImportPipeline(db::TdDatabase& database, BaseStore* base, Settlement* settlement, const ImportOptions& options,
                   ImportReport& report, Diagnostics& diagnostics, RecordNamer describe_record);
    // Rolls back whatever was not committed.
    ~ImportPipeline();
    ImportPipeline(const ImportPipeline&) = delete;
    ImportPipeline& operator=(const ImportPipeline&) = delete;

    // The next part of a kind's scan (at most options.part_size changes), in
    // model::all_kinds order.
    void add(KindScan scan);
    // Plans what is left, checks the delete guard, deletes, and commits the
    // database, then the base store.
    void finish();

  private:
    // Imports the parts scanned ahead; `step`, unless empty, reports them.
    void drain(const std::string& step);
    void import_kind(KindScan& scan);
    void open_transaction();
    void open_base();

    db::TdDatabase& database_;
    BaseStore* base_;
    Settlement* settlement_;
    const ImportOptions& options_;
    ImportReport& report_;
    Diagnostics& diagnostics_;
    ApplyOptions apply_options_;

    std::vector<KindScan> pending_;  // scanned ahead of the lock
    size_t pending_changes_ = 0;
    std::unique_ptr<ImportTransaction> transaction_;
    std::optional<PlanWriter> writer_;
    bool base_open_ = false;
    PlannedParents parents_;
    DeleteGuard guard_;
    // Changes of the current kind held for its last part: the other side of
    // an id collision, planned once the kind's re-keys are followed.
    std::vector<TreeChange> collisions_;
    std::vector<KindPlan> removals_;
    std::vector<KindScan>
        stamps_;  // restamped and stepped-back files, put last  // each kind's deletes, run at the end children first
};

}  // namespace gittd::exchange
