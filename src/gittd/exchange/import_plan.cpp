#include "gittd/exchange/import_plan.hpp"

#include <map>
#include <set>

#include "gittd/merge/id_collision.hpp"
#include "gittd/merge/record_merge.hpp"
#include "gittd/td/action_log.hpp"
#include "gittd/td/row_reader.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

using format::Document;

std::string_view action_name(ImportAction action) {
    switch (action) {
        case ImportAction::none: return "none";
        case ImportAction::insert: return "insert";
        case ImportAction::update: return "update";
        case ImportAction::merge: return "merge";
        case ImportAction::recorded: return "recorded";
        case ImportAction::remove: return "delete";
        case ImportAction::soft_delete: return "soft-delete";
        case ImportAction::kept: return "kept";
        case ImportAction::restored: return "restored";
        case ImportAction::postponed: return "postponed";
    }
    return "none";
}

bool RecordPlan::writes_row() const {
    return after &&
           (action == ImportAction::insert || action == ImportAction::update || action == ImportAction::merge ||
            action == ImportAction::restored || action == ImportAction::soft_delete);
}

std::optional<std::string> RecordPlan::agreed_text() const {
    if (agreed_is_after && after) return BaseStore::record_text(*after);
    return agreed;
}

namespace {

Document without_conflicts(Document record) {
    record.erase("conflicts");
    return record;
}

bool same_values(const Document& a, const Document& b) { return without_conflicts(a) == without_conflicts(b); }

std::vector<Document> entries_not_in(const Document& record, const std::optional<Document>& earlier) {
    std::vector<Document> fresh;
    const auto list = record.find("conflicts");
    if (list == record.end()) return fresh;
    std::set<std::string> known;
    if (earlier && earlier->contains("conflicts")) {
        for (const Document& e : (*earlier)["conflicts"]) known.insert(e.value("id", e.dump()));
    }
    for (const Document& e : *list) {
        if (!known.count(e.value("id", e.dump()))) fresh.push_back(e);
    }
    return fresh;
}

// A removal that arrives deletes an unchanged row; for a kind with
// deleted_at it marks the row deleted as `td delete` does, so the local-only
// rows hanging on it (session history, git snapshots) survive.
void plan_removal(const model::Kind& kind, RecordPlan& plan, bool db_unchanged, std::string_view now) {
    const std::optional<Document>& row = plan.before;
    if (!row) {
        plan.reason = "removed from the tree and not in the database";
    } else if (!db_unchanged) {
        plan.action = ImportAction::kept;
        plan.reason = "removed from the tree but changed in the database; kept (export writes it back)";
        plan.after = row;
    } else if (!kind.field("deleted_at")) {
        plan.action = ImportAction::remove;
        plan.reason = "removed from the tree, unchanged in the database";
    } else if (!row->value("deleted_at", Document()).is_null()) {
        plan.reason = "removed from the tree, already deleted in the database";
    } else {
        plan.action = ImportAction::soft_delete;
        plan.reason = "removed from the tree, unchanged in the database; marked deleted";
        Document deleted = *row;
        deleted["deleted_at"] = std::string(now);
        if (kind.field("updated_at")) deleted["updated_at"] = std::string(now);
        plan.after = std::move(deleted);
    }
}

// The tree's version wins outright: the database did not change since base.
void plan_take_tree(RecordPlan& plan, TreeChange& change) {
    const std::optional<Document>& row = plan.before;
    plan.new_entries = entries_not_in(*change.tree, change.base);
    if (!row) {
        plan.action = change.base ? ImportAction::restored : ImportAction::insert;
        plan.reason = change.base ? "gone from the database, changed in the tree" : "new in the tree";
    } else if (!same_values(*row, *change.tree)) {
        plan.action = ImportAction::update;
        plan.reason = "changed in the tree, unchanged in the database";
    } else {
        // The row already holds the tree's values (this clone's value won the
        // merge): nothing to write but the set-aside values, if any.
        plan.action = plan.new_entries.empty() ? ImportAction::none : ImportAction::recorded;
        plan.reason = plan.new_entries.empty() ? "the database already holds the tree's values"
                                               : "the database holds the tree's values; values set aside recorded";
    }
    plan.after = std::move(change.tree);
}

// td's rows hold no conflicts list: the database side's is the one it last
// agreed (else the base's, unchanged), so a merge keeps the values set aside
// before instead of reading their absence as a removal.
Document with_agreed_conflicts(Document row, const TreeChange& change) {
    const std::optional<Document>& agreed = change.agreed ? change.agreed : change.base;
    if (agreed && agreed->contains("conflicts")) row["conflicts"] = (*agreed)["conflicts"];
    return row;
}

void plan_merge(const model::Kind& kind, RecordPlan& plan, TreeChange& change) {
    const Document row = with_agreed_conflicts(*plan.before, change);
    const Document* base = change.base ? &*change.base : nullptr;
    merge::MergeResult result = merge::merge_records(kind, base, row, *change.tree);
    plan.new_entries = entries_not_in(result.merged, change.base);
    // The new base is the tree's record carrying the merge's conflicts list:
    // export writes the merged row with that list, so the values a rule set
    // aside reach the file even when the database's side won every field.
    Document agreed = std::move(*change.tree);
    const auto conflicts = result.merged.find("conflicts");
    if (conflicts != result.merged.end()) {
        agreed["conflicts"] = *conflicts;
    } else {
        agreed.erase("conflicts");
    }
    plan.agreed = BaseStore::record_text(agreed);
    if (!same_values(result.merged, row)) {
        plan.action = ImportAction::merge;
        plan.reason = "changed in the tree and in the database; merged field by field";
    } else if (!plan.new_entries.empty()) {
        plan.action = ImportAction::recorded;
        plan.reason = "changed on both sides; the database's values won every field, the others recorded";
    } else {
        plan.reason = "changed on both sides to the same values";
    }
    plan.after = std::move(result.merged);
}

}  // namespace

RecordPlan plan_record(const model::Kind& kind, TreeChange& change, std::optional<Document> row, std::string_view now) {
    RecordPlan plan{&kind,        change.id,    ImportAction::none, {}, std::move(row),
                    std::nullopt, std::nullopt, change.stamp,       {}};
    const std::optional<Document>& before = plan.before;
    const bool db_unchanged = change.base ? before && same_values(*before, *change.base) : !before;
    if (!change.tree) {
        plan_removal(kind, plan, db_unchanged, now);
        return plan;
    }
    if (db_unchanged || !before) {
        plan_take_tree(plan, change);
        plan.agreed_is_after = true;
    } else {
        plan_merge(kind, plan, change);
    }
    return plan;
}

void DeleteGuard::check(bool force) const {
    if (deletes > 0 && deletes * 2 > total_records && !force) {
        throw Error(ErrorCode::guard, "import would delete " + std::to_string(deletes) + " of " +
                                          std::to_string(total_records) +
                                          " records; check the tree, or use --force if this is meant");
    }
}

namespace {

// Whether some kind names `kind` as its parent (a foreign key).
bool is_parent_kind(const model::Kind& kind) {
    for (const model::Kind& other : model::all_kinds()) {
        for (const model::Reference& reference : other.references) {
            if (reference.foreign_key && reference.target == kind.id) return true;
        }
    }
    return false;
}

// A row whose parent is in neither the database nor this import waits for it
// (td's foreign keys would refuse it).
void postpone_orphan(db::TdDatabase& database, RecordPlan& record, const PlannedParents& parents,
                     Diagnostics& diagnostics) {
    auto named = [](const std::map<std::string, std::set<std::string>>& ids, const std::string& table,
                    const std::string& id) {
        const auto found = ids.find(table);
        return found != ids.end() && found->second.count(id) > 0;
    };
    auto parent_exists = [&](const std::string& table, const std::string& id) {
        if (named(parents.written, table, id)) return true;
        if (named(parents.removed, table, id) || !database.has_table(table)) return false;
        db::Statement probe =
            database.connection().prepare("SELECT 1 FROM " + db::quote_identifier(table) + " WHERE id = ?1");
        probe.bind(1, id);
        return probe.step();
    };
    for (const model::Reference& reference : record.kind->references) {
        if (!reference.foreign_key) continue;
        const std::string table(model::kind(reference.target).table);
        const std::string parent = record.after->value(std::string(reference.field), std::string());
        if (parent.empty() || parent_exists(table, parent)) continue;
        record.action = ImportAction::postponed;
        record.reason = "waits for " + table + " row " + parent + ", which is in neither the database nor the tree";
        diagnostics.warn(std::string(record.kind->folder) + "/" + record.id + ": " + record.reason);
        return;
    }
}

}  // namespace

KindPlan plan_kind(db::TdDatabase& database, KindScan& scan, PlannedParents& parents, Diagnostics& diagnostics,
                   std::vector<TreeChange>* later) {
    const model::Kind& kind = *scan.kind;
    KindPlan plan{&kind, {}, 0, 0};
    plan.records.reserve(scan.changes.size());  // a full import plans 150k logs: no doubling
    const std::string now = td::utc_now_rfc3339();
    td::RowReader reader(database, kind);
    plan.total_records = reader.count_records();
    const bool parent_kind = is_parent_kind(kind);
    const std::string table(kind.table);
    for (TreeChange& change : scan.changes) {
        if (!reader.table_exists() && change.tree) {
            diagnostics.warn(std::string(kind.table) + " row " + change.id + ": this database has no " +
                             std::string(kind.table) + " table (upgrade td); not imported");
            continue;
        }
        std::optional<Document> row = reader.read(change.id, diagnostics);
        if (later && row && change.tree && merge::id_collision(kind, *row, *change.tree)) {
            later->push_back(std::move(change));
            continue;
        }
        RecordPlan record = plan_record(kind, change, std::move(row), now);
        if (record.action == ImportAction::remove || record.action == ImportAction::soft_delete) ++plan.deletes;
        if (record.writes_row()) postpone_orphan(database, record, parents, diagnostics);
        if (parent_kind && record.action == ImportAction::remove) parents.removed[table].insert(record.id);
        if (parent_kind && record.writes_row()) parents.written[table].insert(record.id);
        plan.records.push_back(std::move(record));
    }
    std::vector<TreeChange>().swap(scan.changes);  // planned: the records own what is left
    return plan;
}

}  // namespace gittd::exchange
