#include "gittd/exchange/import_apply.hpp"

#include "gittd/td/cascade.hpp"
#include "gittd/td/sync_conflicts.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

using format::Document;

PlanWriter::PlanWriter(db::TdDatabase& database, const ApplyOptions& options, Diagnostics& diagnostics)
    : database_(database),
      connection_(database.connection()),
      options_(options),
      diagnostics_(diagnostics),
      now_(td::utc_now_rfc3339()),
      action_log_(connection_) {}

void PlanWriter::write_rows(const KindPlan& plan) {
    const model::Kind& kind = *plan.kind;
    if (!database_.has_table(std::string(kind.table))) return;
    const td::RowWriter writer(kind, database_.columns(std::string(kind.table)));
    db::Statement upsert = prepare_returning_rowid(writer.upsert_sql());
    for (const RecordPlan& record : plan.records) {
        naming_record(record, [&] {
            if (record.writes_row()) write_row(writer, upsert, record);
            // A recorded record keeps its row; only the values set aside are new.
            if (record.writes_row() || record.action == ImportAction::recorded) record_conflicts(record);
        });
    }
}

void PlanWriter::delete_rows(const KindPlan& plan) {
    const model::Kind& kind = *plan.kind;
    const std::string table(kind.table);
    if (!database_.has_table(table)) return;
    const td::RowWriter writer(kind, database_.columns(table));
    db::Statement remove = connection_.prepare(writer.delete_sql());
    for (const RecordPlan& record : plan.records) {
        if (record.action != ImportAction::remove) continue;
        naming_record(record, [&] {
            if (options_.manual_cascade) td::cascade_children(connection_, table, record.id);
            remove.reset();
            remove.bind(1, record.id);
            remove.step();
            action_log_.insert(
                td::action_log_row(kind, td::Change::remove, &*record.before, nullptr, options_.session_id, now_));
        });
    }
}

// Runs `write` for one record; SQLite's refusal (a constraint, a trigger)
// is reported naming the record and its file, not only the database. The
// caller's transaction rolls back: nothing is written.
template <typename Write>
void PlanWriter::naming_record(const RecordPlan& record, Write write) {
    try {
        write();
    } catch (const Error& error) {
        if (error.code() != ErrorCode::database) throw;
        const std::string where =
            options_.describe_record ? options_.describe_record(*record.kind, record.id) + ": " : std::string();
        throw Error(ErrorCode::database, where + "cannot import " + std::string(record.kind->name) + " " + record.id +
                                             " (" + std::string(action_name(record.action)) +
                                             "): td's database refused it: " + error.what() +
                                             "; nothing was imported (fix the file, then import again)");
    }
}

// The upsert, returning the rowid it wrote; without (SQLite before 3.35, a
// table without rowids) the rowids are unknown and the next export reads
// every row.
db::Statement PlanWriter::prepare_returning_rowid(const std::string& sql) {
    try {
        return connection_.prepare(sql + " RETURNING rowid");
    } catch (const Error& error) {
        if (error.code() != ErrorCode::database) throw;
        result_.inserted_rowids_known = false;
        return connection_.prepare(sql);
    }
}

void PlanWriter::write_row(const td::RowWriter& writer, db::Statement& upsert, const RecordPlan& record) {
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

void PlanWriter::record_conflicts(const RecordPlan& record) {
    for (const Document& entry : record.new_entries) {
        if (td::insert_sync_conflict(connection_, *record.kind, record.id, entry, now_)) ++result_.new_conflicts;
    }
}

void put_planned(BaseStore& base, const KindPlan& plan) {
    const std::string folder(plan.kind->folder);
    for (const RecordPlan& record : plan.records) {
        if (record.action == ImportAction::postponed) continue;
        if (std::optional<std::string> agreed = record.agreed_text()) {
            base.put(folder, record.id, {std::move(*agreed), record.stamp.value_or(FileStamp{})});
        } else {
            base.erase(folder, record.id);
            // The row stays (kept, or deleted in td already): export writes it back.
            if (record.before && record.action != ImportAction::remove) base.add_export_visit(folder, record.id);
        }
    }
}

void put_restamps(BaseStore& base, const KindScan& scan) {
    const std::string folder(scan.kind->folder);
    for (const Restamp& r : scan.restamped) {
        // A file that only reads as the record (quoted otherwise, say) is
        // export's to make canonical again.
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

// The entries put have no row digest, and the records erased with their row
// kept are visits: the next export converts their rows (export_pending). The
// rows inserted are named: a rowid the last export saw holding a row that an
// import filled again held another row before (td freed it), which only a
// full read finds. Rows an import deleted are not named: their absence makes
// export read every row (a rowid can be freed and filled again before the
// import deletes it, so which row went cannot be told from the rowid).
void put_applied(BaseStore& base, const AppliedPlan& applied) {
    for (const auto& [table, rowids] : applied.inserted_rowids) base.add_rows_inserted_by_import(table, rowids);
    if (!applied.inserted_rowids_known) base.add_rows_inserted_by_import("*", {0});
}

}  // namespace gittd::exchange
