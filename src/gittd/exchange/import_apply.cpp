#include "gittd/exchange/import_apply.hpp"

#include "gittd/td/action_log.hpp"
#include "gittd/td/cascade.hpp"
#include "gittd/td/row_writer.hpp"
#include "gittd/td/sync_conflicts.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

using format::Document;

namespace {

class PlanWriter {
  public:
    PlanWriter(db::TdDatabase& database, const ApplyOptions& options, Diagnostics& diagnostics)
        : database_(database),
          connection_(database.connection()),
          options_(options),
          diagnostics_(diagnostics),
          now_(td::utc_now_rfc3339()),
          action_log_(connection_) {}

    // Inserts and updates of one kind, and the sync_conflicts of its records.
    void write_rows(const model::Kind& kind, const ImportPlan& plan) {
        const td::RowWriter writer(kind, database_.columns(std::string(kind.table)));
        db::Statement upsert = prepare_returning_rowid(writer.upsert_sql());
        for (const RecordPlan& record : plan.records) {
            if (record.kind != &kind) continue;
            naming_record(record, [&] {
                if (record.writes_row()) write_row(writer, upsert, record);
                // A recorded record keeps its row; only the values set aside are new.
                if (record.writes_row() || record.action == ImportAction::recorded) record_conflicts(record);
            });
            if (record.action != ImportAction::remove) advance(plan);  // delete_rows counts a removal
        }
    }

    void delete_rows(const model::Kind& kind, const ImportPlan& plan) {
        const std::string table(kind.table);
        const td::RowWriter writer(kind, database_.columns(table));
        db::Statement remove = connection_.prepare(writer.delete_sql());
        for (const RecordPlan& record : plan.records) {
            if (record.kind != &kind || record.action != ImportAction::remove) continue;
            naming_record(record, [&] {
                if (options_.manual_cascade) td::cascade_children(connection_, table, record.id);
                remove.reset();
                remove.bind(1, record.id);
                remove.step();
                action_log_.insert(
                    td::action_log_row(kind, td::Change::remove, &*record.before, nullptr, options_.session_id, now_));
            });
            advance(plan);
        }
    }

    const AppliedPlan& result() const { return result_; }
    // The last word on progress: every record is written.
    void finish(const ImportPlan& plan) const {
        report_progress(options_.progress, "writing", plan.records.size(), plan.records.size());
    }

  private:
    // One more record written (the plan's other records are planned, not written).
    void advance(const ImportPlan& plan) {
        if (++written_ % 1000 == 0) report_progress(options_.progress, "writing", written_, plan.records.size());
    }

    // Runs `write` for one record; SQLite's refusal (a constraint, a trigger)
    // is reported naming the record and its file, not only the database. The
    // caller's transaction rolls back: nothing is written.
    template <typename Write>
    void naming_record(const RecordPlan& record, Write write) {
        try {
            write();
        } catch (const Error& error) {
            if (error.code() != ErrorCode::database) throw;
            const std::string where =
                options_.describe_record ? options_.describe_record(*record.kind, record.id) + ": " : std::string();
            throw Error(ErrorCode::database, where + "cannot import " + std::string(record.kind->name) + " " +
                                                 record.id + " (" + std::string(action_name(record.action)) +
                                                 "): td's database refused it: " + error.what() +
                                                 "; nothing was imported (fix the file, then import again)");
        }
    }

    // The upsert, returning the rowid it wrote; without (SQLite before
    // 3.35, a table without rowids) the rowids are unknown and the next
    // export reads every row.
    db::Statement prepare_returning_rowid(const std::string& sql) {
        try {
            return connection_.prepare(sql + " RETURNING rowid");
        } catch (const Error& error) {
            if (error.code() != ErrorCode::database) throw;
            result_.inserted_rowids_known = false;
            return connection_.prepare(sql);
        }
    }

    void write_row(const td::RowWriter& writer, db::Statement& upsert, const RecordPlan& record) {
        upsert.reset();
        const std::vector<db::Value> values = writer.values_for(*record.after, diagnostics_);
        for (size_t i = 0; i < values.size(); ++i) upsert.bind(static_cast<int>(i + 1), values[i]);
        const std::string table(record.kind->table);
        while (upsert.step()) {
            // A new row may take a rowid a deleted one had (SQLite reuses the largest).
            if (!record.before && upsert.column_count() > 0)
                result_.inserted_rowids[table].push_back(std::get<std::int64_t>(upsert.column(0)));
        }
        const Document* before = record.before ? &*record.before : nullptr;
        if (record.action == ImportAction::soft_delete) {
            // td logs its soft delete as a delete with no new data.
            action_log_.insert(
                td::action_log_row(*record.kind, td::Change::remove, before, nullptr, options_.session_id, now_));
            return;
        }
        action_log_.insert(td::action_log_row(*record.kind, before ? td::Change::update : td::Change::insert, before,
                                              &*record.after, options_.session_id, now_));
    }

    void record_conflicts(const RecordPlan& record) {
        for (const Document& entry : record.new_entries) {
            if (td::insert_sync_conflict(connection_, *record.kind, record.id, entry, now_)) ++result_.new_conflicts;
        }
    }

    db::TdDatabase& database_;
    db::Connection& connection_;
    const ApplyOptions& options_;
    Diagnostics& diagnostics_;
    const std::string now_;
    td::ActionLogWriter action_log_;
    AppliedPlan result_;
    size_t written_ = 0;
};

}  // namespace

AppliedPlan apply_plan(db::TdDatabase& database, const ImportPlan& plan, const ApplyOptions& options,
                       Diagnostics& diagnostics) {
    PlanWriter writer(database, options, diagnostics);
    const auto kinds = model::all_kinds();
    for (const model::Kind& kind : kinds) {
        if (database.has_table(std::string(kind.table))) writer.write_rows(kind, plan);
    }
    for (auto kind = kinds.rbegin(); kind != kinds.rend(); ++kind) {
        if (database.has_table(std::string(kind->table))) writer.delete_rows(*kind, plan);
    }
    writer.finish(plan);
    return writer.result();
}

void update_base(BaseStore& base, const ImportPlan& plan, const std::vector<KindScan>& scans, Settlement* settlement,
                 const AppliedPlan* applied) {
    base.begin();
    if (settlement) record_settlement(base, *settlement);
    for (const RecordPlan& record : plan.records) {
        if (record.action == ImportAction::postponed) continue;
        const std::string folder(record.kind->folder);
        if (std::optional<std::string> agreed = record.agreed_text()) {
            base.put(folder, record.id, {std::move(*agreed), record.stamp.value_or(FileStamp{})});
        } else {
            base.erase(folder, record.id);
            // The row stays (kept, or deleted in td already): export writes it back.
            if (record.before && record.action != ImportAction::remove) base.add_export_visit(folder, record.id);
        }
    }
    for (const KindScan& scan : scans) {
        const std::string folder(scan.kind->folder);
        for (const Restamp& r : scan.restamped) {
            // A file that only reads as the record (quoted otherwise, say)
            // is export's to make canonical again.
            if (r.canonical) {
                base.refresh_stamp(folder, r.id, r.stamp);
            } else {
                base.restamp(folder, r.id, r.stamp);
            }
        }
        for (const SteppedBack& back : scan.stepped_back) {
            if (back.record) {
                base.put(folder, back.id, {*back.record, back.stamp});
            } else {
                base.restamp(folder, back.id, back.stamp);
            }
        }
    }
    // The entries put above have no row digest, and the records erased
    // with their row kept are visits: the next export converts their rows
    // (export_pending). The rows inserted above are named: a rowid the last
    // export saw holding a row that an import filled again held another
    // row before (td freed it), which only a full read finds. Rows an
    // import deleted are not named: their absence makes export read every
    // row (a rowid can be freed and filled again before the import deletes
    // it, so which row went cannot be told from the rowid).
    if (applied) {
        for (const auto& [table, rowids] : applied->inserted_rowids) base.add_rows_inserted_by_import(table, rowids);
        if (!applied->inserted_rowids_known) base.add_rows_inserted_by_import("*", {0});
    }
    base.commit();
}

}  // namespace gittd::exchange
