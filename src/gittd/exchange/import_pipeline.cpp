#include "gittd/exchange/import_pipeline.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "gittd/db/td_lock.hpp"
#include "gittd/exchange/rekey_follow.hpp"
#include "gittd/td/cascade.hpp"
#include "gittd/td/row_reader.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

// td's lock and one transaction around the plans and their writes: BEGIN
// IMMEDIATE for a real import, a plain read transaction for a dry run (which
// takes no lock). Rolled back unless commit() is reached.
class ImportTransaction {
  public:
    ImportTransaction(db::TdDatabase& database, bool dry_run) : connection_(database.connection()) {
        if (dry_run) {
            connection_.exec("BEGIN");
            return;
        }
        lock_.emplace(db::TdLock::acquire(db::lock_path_for(database.path())));
        manual_cascade_ = td::enable_foreign_keys(connection_);
        connection_.exec("BEGIN IMMEDIATE");
    }
    ~ImportTransaction() {
        if (done_) return;
        try {
            connection_.exec("ROLLBACK");
        } catch (const Error&) {
        }
    }
    ImportTransaction(const ImportTransaction&) = delete;
    ImportTransaction& operator=(const ImportTransaction&) = delete;

    bool manual_cascade() const { return manual_cascade_; }
    void commit() {
        connection_.exec("COMMIT");
        done_ = true;
    }

  private:
    db::Connection& connection_;
    std::optional<db::TdLock> lock_;
    bool manual_cascade_ = false;
    bool done_ = false;
};

namespace {

void pause_for_tests() {
    if (const char* pause = std::getenv("GITTD_TEST_PAUSE_BEFORE_COMMIT")) {
        // Lets a test kill the process inside the transaction.
        std::fprintf(stderr, "git-td: paused before commit\n");
        ::sleep(static_cast<unsigned>(std::atoi(pause)));
    }
}

void report_plan(const KindPlan& plan, ImportReport& report, Diagnostics& diagnostics) {
    for (const RecordPlan& record : plan.records) {
        if (record.action == ImportAction::none) continue;
        report.changes.push_back(
            {std::string(record.kind->folder), record.id, record.action, record.before.has_value()});
        if (record.action == ImportAction::kept) {
            diagnostics.warn(std::string(record.kind->folder) + "/" + record.id +
                             ": removed from the tree but changed here; kept (export will write it back)");
        }
    }
}

// The kind's removals, kept for the end (the rest of the plan is written).
KindPlan removals_of(KindPlan& plan) {
    KindPlan removals{plan.kind, {}, 0, 0};
    for (RecordPlan& record : plan.records) {
        if (record.action == ImportAction::remove) removals.records.push_back(std::move(record));
    }
    return removals;
}

}  // namespace

ImportPipeline::ImportPipeline(db::TdDatabase& database, BaseStore* base, Settlement* settlement,
                               const ImportOptions& options, ImportReport& report, Diagnostics& diagnostics,
                               RecordNamer describe_record)
    : database_(database),
      base_(options.dry_run ? nullptr : base),
      settlement_(settlement),
      options_(options),
      report_(report),
      diagnostics_(diagnostics),
      apply_options_{options.session_id, false, std::move(describe_record)} {}

ImportPipeline::~ImportPipeline() {
    if (!base_open_) return;
    try {
        base_->rollback();
    } catch (const Error&) {
    }
}

void ImportPipeline::add(KindScan scan) {
    if (options_.steps_back_only) std::vector<TreeChange>().swap(scan.changes);  // only the stamps count
    pending_changes_ += scan.changes.size();
    pending_.push_back(std::move(scan));
    // An ordinary import's changes fit in one part and wait for the other
    // kinds' scans; a full import's first part does not.
    if (transaction_ || pending_changes_ >= options_.part_size) drain({});
}

void ImportPipeline::drain(const std::string& step) {
    size_t written = 0;
    for (KindScan& scan : pending_) {
        written += scan.changes.size();
        import_kind(scan);
        if (!step.empty()) report_progress(options_.progress, step, written, pending_changes_);
    }
    pending_.clear();
    pending_changes_ = 0;
}

void ImportPipeline::import_kind(KindScan& scan) {
    if (scan.last_part && !collisions_.empty()) {
        // Every re-key of the kind is followed by now, or in this part.
        std::move(collisions_.begin(), collisions_.end(), std::back_inserter(scan.changes));
        collisions_.clear();
    }
    if (!scan.changes.empty()) {
        if (!transaction_) open_transaction();
        // A dry run cannot move rows; it plans as if the re-keyed record had
        // not been this clone's (rekey_follow.hpp).
        if (!options_.dry_run) follow_rekeys(database_, scan, diagnostics_);
        KindPlan plan = plan_kind(database_, scan, parents_, diagnostics_, scan.last_part ? nullptr : &collisions_);
        guard_.add(plan);
        report_plan(plan, report_, diagnostics_);
        if (writer_) writer_->write_rows(plan);
        if (base_) {
            open_base();
            put_planned(*base_, plan);
        }
        if (writer_ && plan.deletes > 0) removals_.push_back(removals_of(plan));
    }
    if (base_ && (!scan.restamped.empty() || !scan.stepped_back.empty())) {
        // Put at the end: the base store's lock is never taken before td's.
        KindScan stamps{scan.kind, {}, std::move(scan.restamped), std::move(scan.stepped_back)};
        stamps_.push_back(std::move(stamps));
    }
}

void ImportPipeline::open_transaction() {
    transaction_ = std::make_unique<ImportTransaction>(database_, options_.dry_run);
    if (options_.dry_run) return;
    apply_options_.manual_cascade = transaction_->manual_cascade();
    writer_.emplace(database_, apply_options_, diagnostics_);
}

void ImportPipeline::open_base() {
    if (base_open_) return;
    base_->begin();
    base_open_ = true;
    // First: the records this import puts are unsettled again after it.
    if (settlement_) record_settlement(*base_, *settlement_);
}

void ImportPipeline::finish() {
    // The changes scanned ahead are written once every kind is read (their
    // kinds' progress lines are done by then): a step of their own.
    drain(!transaction_ && pending_changes_ > 0 ? "writing" : "");
    if (guard_.deletes > 0) {
        // Of every kind, as it was before the import: the kinds planned were
        // counted before their writes, and no other kind's rows moved yet.
        for (const model::Kind& kind : model::all_kinds()) {
            if (!guard_.counted.count(&kind))
                guard_.add_unplanned(kind, td::RowReader(database_, kind).count_records());
        }
        guard_.check(options_.force);
    }
    if (writer_) {
        for (auto plan = removals_.rbegin(); plan != removals_.rend(); ++plan) writer_->delete_rows(*plan);
        report_.new_conflicts = writer_->result().new_conflicts;
        pause_for_tests();
        transaction_->commit();
        if (base_) {
            open_base();
            put_applied(*base_, writer_->result());
        }
    }
    if (base_ && !stamps_.empty()) {
        open_base();
        for (const KindScan& stamps : stamps_) put_restamps(*base_, stamps);
    }
    if (base_open_) {
        base_->commit();
        base_open_ = false;
    }
}

}  // namespace gittd::exchange
