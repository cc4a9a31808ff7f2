#include "gittd/exchange/importer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <set>

#include "gittd/db/td_lock.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/merge/record_merge.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/td/row_codec.hpp"
#include "gittd/td/row_writer.hpp"
#include "gittd/td/action_log.hpp"
#include "gittd/td/export_reader.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/directory_scan.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::exchange {

namespace fs = std::filesystem;
using format::Document;

size_t ImportReport::count(const std::string& action) const {
    return static_cast<size_t>(std::count_if(changes.begin(), changes.end(),
                                             [&](const RecordChange& c) { return c.action == action; }));
}

namespace {

// One record whose tree file changed (or vanished) since base.
struct TreeChange {
    std::string id;
    std::optional<Document> tree;  // nullopt: the file was removed
    std::optional<Document> base;  // nullopt: never agreed (new on this side)
    std::optional<FileStamp> stamp;
};

struct KindScan {
    const model::Kind* kind;
    std::vector<TreeChange> changes;
    struct Restamp {
        std::string id, record;
        FileStamp stamp;
    };
    std::vector<Restamp> restamped;  // same content as base, new stamp (touched, re-checked out)
};

Document without_conflicts(Document record) {
    record.erase("conflicts");
    return record;
}

std::string now_utc() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count() % 1000000000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    std::string fraction = std::to_string(1000000000 + nanos).substr(1);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    return std::string(buffer) + (fraction.empty() ? "" : "." + fraction) + "Z";
}

// Refuses folders that are not kinds: a typo there would otherwise be ignored.
void check_tree_layout(const fs::path& export_dir) {
    for (const auto& entry : fs::directory_iterator(export_dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory()) {
            if (!model::kind_by_folder(name)) {
                throw Error(ErrorCode::invalid_input,
                            entry.path().string() + ": unknown kind folder '" + name + "'; move it out of .todos/export");
            }
        }
    }
}

KindScan scan_kind(const model::Kind& kind, const fs::path& export_dir, format::Format format, BaseStore& store,
                   ImportReport& report, Diagnostics& diagnostics) {
    KindScan scan{&kind, {}, {}};
    const fs::path folder = export_dir / kind.folder;
    const std::string extension = "." + std::string(format::extension(format));
    const std::string folder_name(kind.folder);
    // Stamps only: a no-op import reads no record text, from the tree or the store.
    std::unordered_map<std::string, BaseStamp> base = store.load_stamps(folder_name);
    const std::string folder_prefix = folder.string() + "/";
    scan_directory(folder, [&](std::string_view file, const struct stat& info) {
        const std::string path = folder_prefix + std::string(file);
        if (!S_ISREG(info.st_mode)) throw Error(ErrorCode::invalid_input, path + ": not a record file; remove it");
        const size_t dot = file.rfind('.');
        const std::string_view ext = dot == std::string_view::npos ? std::string_view() : file.substr(dot);
        if (ext != ".yaml" && ext != ".json") {
            if (file.find(".tmp-git-td-") == std::string_view::npos) {
                diagnostics.warn(path + ": not a record file; ignored");
            }
            return;
        }
        if (ext != extension) {
            throw Error(ErrorCode::invalid_input, path + ": a " + std::string(ext.substr(1)) + " file in a " +
                                                      extension.substr(1) + " tree; run 'git td export --" +
                                                      extension.substr(1) + "' to convert");
        }
        const std::string id(file.substr(0, dot));
        require_safe_id(id, path + ": file name");
        ++report.files;
        const FileStamp stamp = tree::stamp_from(info);
        const auto known = base.find(id);
        if (known != base.end()) {
            known->second.seen = true;
            if (known->second.file == stamp) return;  // unchanged, not read
        }
        const std::string bytes = read_file_if_exists(path).value_or("");
        ++report.files_read;
        Document record =
            tree::check_record(kind, format::decode(bytes, format, path), id, path, bytes, diagnostics);
        const std::string text = BaseStore::record_text(record);
        const std::optional<std::string> agreed =
            known != base.end() ? store.record(folder_name, id) : std::nullopt;
        if (agreed && *agreed == text) {
            scan.restamped.push_back({id, text, stamp});
            return;
        }
        std::optional<Document> base_doc;
        if (agreed) base_doc = Document::parse(*agreed);
        scan.changes.push_back({id, std::move(record), std::move(base_doc), stamp});
    });
    for (const auto& [id, entry] : base) {
        if (entry.seen) continue;
        if (auto agreed = store.record(folder_name, id)) {
            scan.changes.push_back({id, std::nullopt, Document::parse(*agreed), std::nullopt});
        }
    }
    std::sort(scan.changes.begin(), scan.changes.end(),
              [](const TreeChange& a, const TreeChange& b) { return a.id < b.id; });
    return scan;
}

// The database row of one record as a canonical document.
class RowReader {
public:
    RowReader(db::TdDatabase& database, const model::Kind& kind)
        : database_(database), columns_(database.columns(std::string(kind.table))) {
        if (columns_.empty()) return;
        layout_.emplace(kind, columns_);
        std::string sql = "SELECT ";
        for (size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + db::quote_identifier(columns_[i]);
        sql += " FROM " + db::quote_identifier(kind.table) + " WHERE id = ?1";
        select_.emplace(database.connection().prepare(sql));
    }

    std::optional<Document> read(const std::string& id, Diagnostics& diagnostics) {
        if (!select_) return std::nullopt;
        select_->reset();
        select_->bind(1, id);
        if (!select_->step()) return std::nullopt;
        std::vector<db::Value> row;
        for (size_t i = 0; i < columns_.size(); ++i) row.push_back(select_->column(static_cast<int>(i)));
        return layout_->to_document(row, diagnostics);
    }

    bool table_exists() const { return select_.has_value(); }

private:
    db::TdDatabase& database_;
    std::vector<std::string> columns_;
    std::optional<td::RowLayout> layout_;
    std::optional<db::Statement> select_;
};

// What import will do to one record.
struct Step {
    const model::Kind* kind;
    std::string id;
    std::string action;
    std::optional<Document> before;  // the db row
    std::optional<Document> after;   // what the db row becomes (nullopt: deleted)
    std::optional<std::string> agreed;  // the new base's record text (nullopt: erase)
    std::optional<FileStamp> stamp;
    std::vector<Document> new_entries;  // conflicts entries to copy to sync_conflicts
};

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

// Plans one record; consumes change.tree (a full import holds 240k of them).
Step plan_one(const model::Kind& kind, TreeChange& change, std::optional<Document> db_row) {
    Step step{&kind, change.id, "", std::move(db_row), std::nullopt, std::nullopt, change.stamp, {}};
    const std::optional<Document>& row = step.before;
    const bool db_unchanged =
        change.base ? row && without_conflicts(*row) == without_conflicts(*change.base) : !row;
    if (!change.tree) {  // removed from the tree
        if (db_unchanged || !row) {
            step.action = row ? "delete" : "none";
        } else {
            step.action = "kept";  // changed here, deleted there: keep and report
            step.after = row;
        }
        return step;
    }
    step.agreed = BaseStore::record_text(*change.tree);
    if (db_unchanged || !row) {
        step.action = !row ? (change.base ? "restored" : "insert") : "update";
        step.new_entries = entries_not_in(*change.tree, change.base);
        // The row already holds the tree's values (this clone's value won the
        // merge): nothing to write but the set-aside values, if any.
        if (row && without_conflicts(*row) == without_conflicts(*change.tree)) {
            step.action = step.new_entries.empty() ? "none" : "recorded";
        }
        step.after = std::move(change.tree);
        return step;
    }
    const Document* base = change.base ? &*change.base : nullptr;
    merge::MergeResult result = merge::merge_records(kind, base, *row, *change.tree);
    step.new_entries = entries_not_in(result.merged, change.base);
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
    step.agreed = BaseStore::record_text(agreed);
    const bool row_changes = without_conflicts(result.merged) != without_conflicts(*row);
    step.after = std::move(result.merged);
    step.action = row_changes ? "merge" : step.new_entries.empty() ? "none" : "recorded";
    return step;
}

// td databases before the parent_id foreign key was dropped declare
// issues(parent_id) REFERENCES issues(id), which every row with parent '' violates.
bool has_legacy_parent_key(db::Connection& connection) {
    db::Statement query = connection.prepare(
        "SELECT count(*) FROM pragma_foreign_key_list('issues') WHERE \"from\" = 'parent_id'");
    query.step();
    return std::get<std::int64_t>(query.column(0)) > 0;
}

// What ON DELETE CASCADE would do, for connections that run with foreign keys
// off: deletes the rows of every table whose declared cascade key points at the row.
void cascade_delete(db::TdDatabase& database, const std::string& table, const std::string& id) {
    db::Connection& connection = database.connection();
    db::Statement children = connection.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
        "WHERE m.type = 'table' AND f.\"table\" = ?1 AND upper(f.on_delete) = 'CASCADE'");
    children.bind(1, table);
    std::vector<std::pair<std::string, std::string>> links;
    while (children.step()) links.emplace_back(children.column_text(0), children.column_text(1));
    for (const auto& [child, column] : links) {
        db::Statement ids = connection.prepare("SELECT id FROM " + db::quote_identifier(child) + " WHERE " +
                                               db::quote_identifier(column) + " = ?1");
        ids.bind(1, id);
        std::vector<std::string> doomed;
        while (ids.step()) doomed.push_back(ids.column_text(0));
        for (const std::string& child_id : doomed) cascade_delete(database, child, child_id);
        db::Statement remove = connection.prepare("DELETE FROM " + db::quote_identifier(child) + " WHERE " +
                                                  db::quote_identifier(column) + " = ?1");
        remove.bind(1, id);
        remove.step();
    }
}

// Copies one conflicts entry to td's sync_conflicts, once: worktrees share
// one database but each has its own base, so each would find the entry new.
// Returns whether a row was added.
bool insert_sync_conflict(db::Connection& connection, const model::Kind& kind, const std::string& id,
                          const Document& entry, const std::string& now) {
    const std::string conflict_id = entry.value("id", "");
    db::Statement known = connection.prepare(
        "SELECT 1 FROM sync_conflicts WHERE entity_type = ?1 AND entity_id = ?2 "
        "AND json_valid(local_data) AND json_extract(local_data, '$.conflict_id') = ?3");
    known.bind(1, std::string(kind.table));
    known.bind(2, id);
    known.bind(3, conflict_id);
    if (!conflict_id.empty() && known.step()) return false;
    Document dropped = Document::array();
    for (const Document& v : entry.value("values", Document::array())) {
        if (v != entry.value("chosen", Document())) dropped.push_back(v);
    }
    const std::string field = entry.value("field", std::string());
    db::Statement insert = connection.prepare(
        "INSERT INTO sync_conflicts (entity_type, entity_id, server_seq, local_data, remote_data, overwritten_at) "
        "VALUES (?1, ?2, 0, ?3, ?4, ?5)");
    insert.bind(1, std::string(kind.table));
    insert.bind(2, id);
    insert.bind(3, Document{{field, dropped.size() == 1 ? dropped[0] : dropped}, {"conflict_id", entry.value("id", "")},
                            {"rule", entry.value("rule", "")}}
                       .dump());
    insert.bind(4, Document{{field, entry.value("chosen", Document())}}.dump());
    insert.bind(5, now);
    insert.step();
    return true;
}

}  // namespace

namespace {

// Plans against the current rows and applies, under td's lock, in one write
// transaction. `base` is null when the records do not come from the tree.
void apply_scans(db::TdDatabase& database, std::vector<KindScan>& scans, BaseStore* base,
                 const ImportOptions& options, ImportReport& report, Diagnostics& diagnostics) {
    const bool anything = std::any_of(scans.begin(), scans.end(), [](const KindScan& s) {
        return !s.changes.empty() || !s.restamped.empty();
    });
    if (!anything) return;

    // 2. Under td's lock, in one write transaction, plan against the current rows and apply.
    std::optional<db::TdLock> lock;
    if (!options.dry_run) lock.emplace(db::TdLock::acquire(db::lock_path_for(database.path())));
    db::Connection& connection = database.connection();
    // td writes with foreign keys on. Legacy schemas carry a key their own rows
    // violate; there the cascade is done by hand (cascade_delete) instead.
    const bool manual_cascade = has_legacy_parent_key(connection);
    if (!options.dry_run) {
        connection.exec(manual_cascade ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
        connection.exec("BEGIN IMMEDIATE");
    } else {
        connection.exec("BEGIN");
    }
    try {
        std::vector<Step> steps;
        size_t total_rows = 0, deletes = 0;
        std::map<std::string, std::set<std::string>> upserted, deleted;  // table -> ids
        for (KindScan& scan : scans) {
            const model::Kind& kind = *scan.kind;
            RowReader reader(database, kind);
            if (reader.table_exists()) {
                // Records, as the tree counts them: td's built-in rows are not exported.
                std::string sql = "SELECT count(*) FROM " + db::quote_identifier(kind.table) + " WHERE id NOT IN (''";
                for (size_t i = 0; i < kind.excluded_ids.size(); ++i) sql += ", ?" + std::to_string(i + 1);
                db::Statement count = connection.prepare(sql + ")");
                for (size_t i = 0; i < kind.excluded_ids.size(); ++i) {
                    count.bind(static_cast<int>(i + 1), std::string(kind.excluded_ids[i]));
                }
                count.step();
                total_rows += static_cast<size_t>(std::get<std::int64_t>(count.column(0)));
            }
            for (TreeChange& change : scan.changes) {
                if (!reader.table_exists() && change.tree) {
                    diagnostics.warn(std::string(kind.table) + " row " + change.id +
                                     ": this database has no " + std::string(kind.table) + " table (upgrade td); not imported");
                    continue;
                }
                Step step = plan_one(kind, change, reader.read(change.id, diagnostics));
                if (step.action == "delete") {
                    ++deletes;
                    deleted[std::string(kind.table)].insert(step.id);
                }
                if (step.after && step.action != "none" && step.action != "kept" && step.action != "recorded") {
                    upserted[std::string(kind.table)].insert(step.id);
                }
                steps.push_back(std::move(step));
            }
            std::vector<TreeChange>().swap(scan.changes);  // planned: the steps own what is left
        }
        if (deletes > 0 && deletes * 2 > total_rows && !options.force) {
            throw Error(ErrorCode::guard, "import would delete " + std::to_string(deletes) + " of " +
                                              std::to_string(total_rows) +
                                              " records; check the tree, or use --force if this is meant");
        }
        // Rows whose parent is in neither the database nor this import wait for it.
        auto parent_exists = [&](const std::string& table, const std::string& id) {
            if (upserted[table].count(id)) return true;
            if (deleted[table].count(id)) return false;
            if (!database.has_table(table)) return false;
            db::Statement probe = connection.prepare("SELECT 1 FROM " + db::quote_identifier(table) + " WHERE id = ?1");
            probe.bind(1, id);
            return probe.step();
        };
        for (Step& step : steps) {
            if (!step.after || step.action == "none" || step.action == "kept" || step.action == "recorded") continue;
            for (const model::Reference& reference : step.kind->references) {
                if (!reference.foreign_key) continue;
                const std::string table(model::kind(reference.target).table);
                const std::string parent = step.after->value(std::string(reference.field), std::string());
                if (!parent.empty() && !parent_exists(table, parent)) {
                    diagnostics.warn(std::string(step.kind->folder) + "/" + step.id + ": waits for " + table + " row " +
                                     parent + ", which is in neither the database nor the tree");
                    step.action = "postponed";
                    break;
                }
            }
        }
        for (const Step& step : steps) {
            if (step.action != "none") report.changes.push_back({std::string(step.kind->folder), step.id, step.action});
            if (step.action == "kept") {
                diagnostics.warn(std::string(step.kind->folder) + "/" + step.id +
                                 ": removed from the tree but changed here; kept (export will write it back)");
            }
        }
        if (options.dry_run) {
            connection.exec("COMMIT");
            return;
        }
        // 3. Write: parents before children, deletes children first.
        const std::string now = now_utc();
        td::ActionLogWriter action_log(connection);
        for (const model::Kind& kind : model::all_kinds()) {
            if (!database.has_table(std::string(kind.table))) continue;
            const td::RowWriter writer(kind, database.columns(std::string(kind.table)));
            db::Statement upsert = connection.prepare(writer.upsert_sql());
            for (const Step& step : steps) {
                if (step.kind != &kind || !step.after) continue;
                if (step.action == "recorded") {  // the row stays; only the set-aside values are new
                    for (const Document& entry : step.new_entries) {
                        if (insert_sync_conflict(connection, kind, step.id, entry, now)) ++report.new_conflicts;
                    }
                    continue;
                }
                if (step.action == "none" || step.action == "kept" || step.action == "postponed") continue;
                upsert.reset();
                const std::vector<db::Value> values = writer.values_for(*step.after, diagnostics);
                for (size_t i = 0; i < values.size(); ++i) upsert.bind(static_cast<int>(i + 1), values[i]);
                upsert.step();
                const Document* before = step.before ? &*step.before : nullptr;
                action_log.insert(td::action_log_row(kind, before ? td::Change::update : td::Change::insert, before, &*step.after,
                                                 options.session_id, now));
                for (const Document& entry : step.new_entries) {
                    if (insert_sync_conflict(connection, kind, step.id, entry, now)) ++report.new_conflicts;
                }
            }
        }
        const auto kinds = model::all_kinds();
        for (auto kind = kinds.rbegin(); kind != kinds.rend(); ++kind) {
            if (!database.has_table(std::string(kind->table))) continue;
            const td::RowWriter writer(*kind, database.columns(std::string(kind->table)));
            db::Statement remove = connection.prepare(writer.delete_sql());
            for (const Step& step : steps) {
                if (step.kind != &*kind || step.action != "delete") continue;
                if (manual_cascade) cascade_delete(database, std::string(kind->table), step.id);
                remove.reset();
                remove.bind(1, step.id);
                remove.step();
                action_log.insert(
                    td::action_log_row(*kind, td::Change::remove, &*step.before, nullptr, options.session_id, now));
            }
        }
        if (const char* pause = std::getenv("GITTD_TEST_PAUSE_BEFORE_COMMIT")) {
            // Test hook: lets a test kill the process inside the transaction.
            std::fprintf(stderr, "git-td: paused before commit\n");
            ::sleep(static_cast<unsigned>(std::atoi(pause)));
        }
        connection.exec("COMMIT");
        if (!base) return;
        // 4. The new base, once the database holds the result.
        base->begin();
        for (const Step& step : steps) {
            if (step.action == "postponed") continue;
            const std::string folder(step.kind->folder);
            if (step.agreed) {
                base->put(folder, step.id, {*step.agreed, step.stamp.value_or(FileStamp{})});
            } else {
                base->erase(folder, step.id);
            }
        }
        for (const KindScan& scan : scans) {
            for (const auto& r : scan.restamped) base->put(std::string(scan.kind->folder), r.id, {r.record, r.stamp});
        }
        // The base moved: the next export must look at every row again.
        base->set_meta("export_state", "");
        base->commit();
    } catch (...) {
        try {
            connection.exec("ROLLBACK");
        } catch (const Error&) {
        }
        throw;
    }
}

}  // namespace

ImportReport import_tree(db::TdDatabase& database, const fs::path& export_dir, BaseStore& base,
                         const ImportOptions& options, Diagnostics& diagnostics) {
    const std::optional<tree::TreeConfig> config = tree::read_tree_config(export_dir);
    if (!config) {
        throw Error(ErrorCode::not_found,
                    export_dir.string() + ": no export tree (no git-td.yaml); run 'git td init' and 'git td export'");
    }
    check_tree_layout(export_dir);
    ImportReport report;
    // Read and check every changed file before touching the database.
    std::vector<KindScan> scans;
    for (const model::Kind& kind : model::all_kinds()) {
        scans.push_back(scan_kind(kind, export_dir, config->format, base, report, diagnostics));
    }
    apply_scans(database, scans, &base, options, report, diagnostics);
    return report;
}

ImportReport import_td_export(db::TdDatabase& database, const fs::path& file, const ImportOptions& options,
                              Diagnostics& diagnostics) {
    const auto bytes = read_file_if_exists(file);
    if (!bytes) throw Error(ErrorCode::not_found, file.string() + ": no such file");
    ImportReport report;
    std::vector<KindScan> scans;
    for (const model::Kind& kind : model::all_kinds()) scans.push_back({&kind, {}, {}});
    for (auto& [kind, record] : td::read_td_export(*bytes, file.string(), diagnostics)) {
        ++report.files;
        for (KindScan& scan : scans) {
            if (scan.kind == kind) {
                const std::string id = record.value("id", "");
                scan.changes.push_back({id, std::move(record), std::nullopt, std::nullopt});
                break;
            }
        }
    }
    apply_scans(database, scans, nullptr, options, report, diagnostics);
    return report;
}

}  // namespace gittd::exchange
