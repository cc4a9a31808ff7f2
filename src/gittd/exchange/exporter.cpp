#include "gittd/exchange/exporter.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "gittd/exchange/tree_lock.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/td/row_codec.hpp"
#include "gittd/tree/new_files_journal.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/tree/working_tree_target.hpp"
#include "gittd/util/directory_scan.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::exchange {

namespace fs = std::filesystem;
using format::Document;

namespace {

// First pass: every id must be a safe file name before any file is written.
size_t validate_ids(db::TdDatabase::ReadSnapshot& snapshot, const db::TdDatabase& database) {
    size_t total = 0;
    for (const model::Kind& kind : model::all_kinds()) {
        if (!database.has_table(std::string(kind.table))) continue;
        snapshot.for_each_row(std::string(kind.table), {"id"}, [&](std::vector<db::Value>& row) {
            const std::string id = td::row_id(kind, row[0]);
            if (kind.is_excluded(id)) return;
            require_safe_id(id, std::string(kind.table) + " row");
            ++total;
        });
    }
    return total;
}

// Export enforces every limit import enforces (DESIGN §3.1): a record other
// clones would refuse is not published. The field check is import's own
// (tree::find_field_problem) on the record about to be written.
[[noreturn]] void refuse(const model::Kind& kind, const std::string& id, const std::string& what) {
    throw Error(ErrorCode::invalid_input, "cannot export " + std::string(kind.name) + " " + id + " (" +
                                              std::string(kind.table) + " row): " + what +
                                              "; fix the row with td, then export again (nothing was written)");
}

// The field holding the most bytes, for the message about an oversize record.
std::string largest_field(const Document& record) {
    std::string name;
    size_t largest = 0;
    for (auto it = record.begin(); it != record.end(); ++it) {
        const size_t size = it->is_string() ? it->get_ref<const std::string&>().size() : it->dump().size();
        if (size > largest) {
            largest = size;
            name = it.key();
        }
    }
    return "'" + name + "' (" + std::to_string(largest) + " bytes)";
}

void check_exportable(const model::Kind& kind, const std::string& id, const Document& record,
                      const std::string& bytes) {
    if (auto problem = tree::find_field_problem(kind, record)) refuse(kind, id, problem->what);
    if (bytes.size() > format::max_record_bytes) {
        refuse(kind, id,
               "its file would be " + std::to_string(bytes.size()) + " bytes, over import's " +
                   std::to_string(format::max_record_bytes) + "-byte limit for one record; the largest field is " +
                   largest_field(record));
    }
}

// The database file's stamp (and its WAL's): equal stamps mean td wrote nothing since.
std::string database_stamp(const fs::path& database) {
    std::string text;
    for (const char* suffix : {"", "-wal"}) {
        fs::path path = database;
        path += suffix;
        if (auto stamp = tree::stamp_of(path)) {
            text += std::to_string(stamp->size) + ":" + std::to_string(stamp->mtime_ns) + ":" +
                    std::to_string(stamp->inode) + ";";
        } else {
            text += "none;";
        }
    }
    return text;
}

// A kind folder the base store has files in is gone from the tree (someone ran
// 'rm -rf .todos/export/issues'): the fast path would not notice. One listing
// of the export folder, and a query only for a folder that is missing.
bool kind_folder_removed(const tree::ExportTarget& target, BaseStore& base) {
    const std::vector<std::string> folders = target.source().folders();
    for (const model::Kind& kind : model::all_kinds()) {
        if (std::find(folders.begin(), folders.end(), kind.folder) != folders.end()) continue;
        if (base.has_files_in(std::string(kind.folder))) return true;
    }
    return false;
}

// Rolls the base store back unless the export got to its end.
class BaseTransaction {
  public:
    BaseTransaction(BaseStore& base, bool active) : base_(base), active_(active) {
        if (active_) base_.begin();
    }
    ~BaseTransaction() {
        if (!active_) return;
        try {
            base_.rollback();
        } catch (const Error&) {
        }
    }
    void commit() {
        if (active_) base_.commit();
        active_ = false;
    }
    BaseTransaction(const BaseTransaction&) = delete;
    BaseTransaction& operator=(const BaseTransaction&) = delete;

  private:
    BaseStore& base_;
    bool active_;
};

class KindExport {
  public:
    // `partial`: only some rows will be given (the rows the database file
    // shows changed): the folder is not listed and the base not loaded
    // whole; what a row needs is looked up for that row, and finish() is
    // not called.
    KindExport(const model::Kind& kind, tree::ExportTarget& target, format::Format format,
               std::optional<format::Format> old_format, BaseStore& base, const ExportOptions& options,
               ExportReport& report, Diagnostics& diagnostics, bool partial = false)
        : partial_(partial),
          kind_(kind),
          target_(target),
          folder_name_(kind.folder),
          format_(format),
          old_format_(old_format),
          base_(base),
          options_(options),
          report_(report),
          diagnostics_(diagnostics),
          files_(partial ? std::unordered_set<std::string>{} : target.record_files(kind)),
          summaries_(partial ? std::unordered_map<std::string, BaseSummary>{} : base.load_summaries(folder_name_)),
          counts_{folder_name_} {
        // Files in the format git-td.yaml does not name: left over from a
        // switch that arrived with a pull (decision 67). Usually none.
        if (!old_format_ && !partial_) {
            const std::string_view other = format::extension(format::other_format(format_));
            for (const std::string& file : files_) {
                const auto [stem, extension] = tree::split_file_name(file);
                if (extension == other) other_format_ids_.emplace(stem);
            }
        }
    }

    void row(const td::RowLayout& layout, const std::vector<db::Value>& values) {
        throw_if_interrupted();
        const std::string id = td::row_id(kind_, values[layout.id_column()]);
        if (kind_.is_excluded(id)) return;
        seen_.insert(id);
        ++counts_.records;
        const std::uint64_t digest = td::row_digest(values);
        const BaseSummary* summary = summary_of(id);
        // The file as it stands: in the old format while switching, or in
        // the other format when a pulled switch left this record's file
        // unconverted (decision 67).
        format::Format file_format = old_format_.value_or(format_);
        const bool other_format_file = partial_ ? has_file(tree::record_file_name(id, format::other_format(format_)))
                                                : other_format_ids_.count(id) != 0;
        if (other_format_file && !has_file(tree::record_file_name(id, format_))) {
            file_format = format::other_format(format_);
        } else if (other_format_file) {
            remove_leftover(id, summary);
        }
        const bool converting = file_format != format_;
        const std::string file_name = tree::record_file_name(id, file_format);
        // The row is as agreed: its file needs nothing from export, whatever
        // happened to it in the tree (that is import's business). Not even a
        // stat: the pre-commit hook exports on every commit. Only the listing
        // tells whether the file is there at all.
        if (summary && summary->row_digest == digest && !options_.full && !converting) {
            if (summary->file != FileStamp{} && !has_file(file_name)) {
                report_.missing_from_tree.push_back(folder_name_ + "/" + file_name);
            }
            return;
        }
        const std::optional<FileStamp> stamp = has_file(file_name) ? target_.stamp(kind_, file_name) : std::nullopt;
        const bool stamp_matches = summary && stamp && *stamp == summary->file && !options_.full;

        Document record = layout.to_document(values, diagnostics_);
        std::optional<Document> agreed;  // the base record, loaded only when needed
        auto load_agreed = [&]() -> const std::optional<Document>& {
            if (!agreed && summary) {
                if (auto text = base_.record(folder_name_, id)) agreed = Document::parse(*text);
            }
            return agreed;
        };
        // The conflicts list lives only in the tree: carry it over from the base.
        if (summary && summary->has_conflicts && load_agreed() && agreed->contains("conflicts")) {
            record["conflicts"] = (*agreed)["conflicts"];
        }
        std::string bytes = format::encode(record, format_);
        check_exportable(kind_, id, record, bytes);
        if (stamp) {
            const std::string current = target_.source().read(kind_, file_name).value_or("");
            if (current == bytes && !converting) {
                if (!options_.dry_run)
                    base_.put(folder_name_, id,
                              {BaseStore::record_text(record), *stamp, digest, canonical_blob(bytes)});
                return;
            }
            bool tree_unchanged = stamp_matches;
            if (!tree_unchanged && load_agreed()) tree_unchanged = current == format::encode(*agreed, file_format);
            if (!tree_unchanged) {
                report_.awaiting_import.push_back(folder_name_ + "/" + file_name);
                return;
            }
            if (converting) {
                target_.remove(kind_, file_name);
                report_.removed_paths.push_back(folder_name_ + "/" + file_name);
            }
        } else if (summary && summary->file != FileStamp{} && !options_.full) {
            // Agreed before, gone from the tree now: removed there; import
            // deletes the row (--full writes it back).
            // (FileStamp{}: import found the file absent in history too, a step back.)
            report_.missing_from_tree.push_back(folder_name_ + "/" + file_name);
            return;
        }
        const std::string name = tree::record_file_name(id, format_);
        ++counts_.written;
        report_.written_paths.push_back(folder_name_ + "/" + name);
        if (options_.dry_run) return;
        // A file nobody has is created in place (tree/new_files_journal.hpp),
        // unless it replaces the old format's: that one goes on commit, and
        // a kill before the base records the new file would leave neither.
        BaseEntry entry{BaseStore::record_text(record), {}, digest, canonical_blob(bytes)};
        if (converting || has_file(name)) {
            entry.file = target_.stage(kind_, name, bytes);
            base_.put(folder_name_, id, entry);
            return;
        }
        // The entry is stored once the file is (maybe after this kind's
        // export has ended), before the base store's transaction commits.
        target_.create(
            kind_, name, std::move(bytes),
            [&base = base_, folder = folder_name_, id, entry = std::move(entry)](const FileStamp& written) mutable {
                entry.file = written;
                base.put(folder, id, entry);
            });
    }

    KindCounts counts() const { return counts_; }

    // Records converted so far (td's built-in rows are none).
    size_t records() const { return counts_.records; }

    // Rows deleted in td, and files no row and no base knows.
    KindCounts finish() {
        const format::Format file_format = old_format_.value_or(format_);
        for (const auto& [id, summary] : summaries_) {
            if (seen_.count(id)) continue;
            format::Format format = file_format;
            std::string file_name = tree::record_file_name(id, format);
            if (!files_.count(file_name) && other_format_ids_.count(id)) {
                format = format::other_format(format_);
                file_name = tree::record_file_name(id, format);
            }
            const std::optional<FileStamp> stamp =
                files_.count(file_name) ? target_.stamp(kind_, file_name) : std::nullopt;
            bool unchanged = stamp && *stamp == summary.file && !options_.full;
            if (stamp && !unchanged) {
                if (auto text = base_.record(folder_name_, id)) {
                    unchanged =
                        target_.source().read(kind_, file_name) == format::encode(Document::parse(*text), format);
                }
            }
            if (stamp && !unchanged) {
                report_.awaiting_import.push_back(folder_name_ + "/" + file_name);
                continue;
            }
            if (stamp) {
                ++counts_.removed;
                report_.removed_paths.push_back(folder_name_ + "/" + file_name);
                target_.remove(kind_, file_name);
            }
            if (!options_.dry_run) base_.erase(folder_name_, id);
        }
        std::vector<std::string> new_in_tree;
        for (const std::string& file : files_) {
            const auto [stem, extension] = tree::split_file_name(file);
            const std::string id(stem);
            if (seen_.count(id) || summaries_.count(id)) continue;
            // Either format: import reads both (decision 67).
            if (tree::is_record_extension(extension)) new_in_tree.push_back(folder_name_ + "/" + file);
        }
        std::sort(new_in_tree.begin(), new_in_tree.end());
        report_.awaiting_import.insert(report_.awaiting_import.end(), new_in_tree.begin(), new_in_tree.end());
        return counts_;
    }

  private:
    std::string canonical_blob(const std::string& bytes) const {
        return canonical_blob_key(format_, git::blob_id(bytes));
    }

    const BaseSummary* summary_of(const std::string& id) {
        auto entry = summaries_.find(id);
        if (entry == summaries_.end() && partial_) {
            std::optional<BaseSummary> summary = base_.summary(folder_name_, id);
            if (!summary) return nullptr;
            entry = summaries_.emplace(id, *summary).first;
        }
        return entry == summaries_.end() ? nullptr : &entry->second;
    }

    bool has_file(const std::string& name) const {
        return partial_ ? target_.stamp(kind_, name).has_value() : files_.count(name) != 0;
    }

    // The file of the other format beside the record's current file: removed
    // when it is what this clone last agreed (an old export's leftover), else
    // left for import, which names both files.
    void remove_leftover(const std::string& id, const BaseSummary* summary) {
        const format::Format format = format::other_format(format_);
        const std::string name = tree::record_file_name(id, format);
        const std::optional<FileStamp> stamp = target_.stamp(kind_, name);
        if (!stamp) return;
        bool as_agreed = summary && *stamp == summary->file;
        if (!as_agreed && summary) {
            if (auto text = base_.record(folder_name_, id)) {
                as_agreed = target_.source().read(kind_, name) == format::encode(Document::parse(*text), format);
            }
        }
        if (!as_agreed) {
            report_.awaiting_import.push_back(folder_name_ + "/" + name);
            return;
        }
        report_.removed_paths.push_back(folder_name_ + "/" + name);
        if (!options_.dry_run) target_.remove(kind_, name);
    }

    bool partial_;
    const model::Kind& kind_;
    tree::ExportTarget& target_;
    std::string folder_name_;
    format::Format format_;
    std::optional<format::Format> old_format_;
    BaseStore& base_;
    const ExportOptions& options_;
    ExportReport& report_;
    Diagnostics& diagnostics_;
    std::unordered_set<std::string> files_;  // the folder's record files as listed
    std::unordered_map<std::string, BaseSummary> summaries_;
    std::unordered_set<std::string> seen_;
    std::unordered_set<std::string> other_format_ids_;  // ids with a file in the format git-td.yaml does not name
    KindCounts counts_;
};

// The rows of each table whose record changed, and the rows that appeared,
// since the fingerprints `agreed` (the last export's); nullopt when a row
// is gone (a delete, td's or an import's, needs the full comparison with
// the tree), a rowid the fingerprints saw holding a row was filled again by
// an import (td freed it: the row it held is gone), a table was not
// fingerprinted, or an order is not the b-tree's. `inserted`: the rowids
// imports inserted since, by table ("*": unknown).
struct ChangedRows {
    std::map<std::string, std::vector<std::int64_t>> changed, added;
};

std::optional<ChangedRows> changed_rows(const std::map<std::string, std::vector<db::RowFingerprint>>& agreed,
                                        const db::FileFingerprints& now,
                                        const std::map<std::string, std::set<std::int64_t>>& inserted_by_import) {
    if (inserted_by_import.count("*")) return std::nullopt;
    static const std::set<std::int64_t> none;
    ChangedRows rows;
    for (const db::TableFingerprints& table : now.tables) {
        const auto stored = agreed.find(table.table);
        if (stored == agreed.end()) return std::nullopt;
        const std::vector<db::RowFingerprint>& before = stored->second;
        const std::vector<db::RowFingerprint>& after = table.rows;
        const auto found = inserted_by_import.find(table.table);
        const std::set<std::int64_t>& inserted = found == inserted_by_import.end() ? none : found->second;
        for (const auto* list : {&before, &after}) {
            for (size_t i = 1; i < list->size(); ++i) {
                if ((*list)[i - 1].rowid >= (*list)[i].rowid) return std::nullopt;
            }
        }
        size_t i = 0, j = 0;
        while (i < before.size() || j < after.size()) {
            if (j == after.size() || (i < before.size() && before[i].rowid < after[j].rowid)) return std::nullopt;
            if (i == before.size() || after[j].rowid < before[i].rowid) {
                rows.added[table.table].push_back(after[j++].rowid);
                continue;
            }
            if (inserted.count(after[j].rowid)) return std::nullopt;
            if (before[i].hash != after[j].hash) rows.changed[table.table].push_back(after[j].rowid);
            ++i, ++j;
        }
    }
    return rows;
}

// A row of the database file's changes, read and checked before anything is written.
struct ChangedRow {
    std::vector<db::Value> values;
    bool added = false;
};

// The changed and added rows of every kind, and the rows of the entries
// export must convert whatever the file shows (`pending`, sorted); nullopt
// when a changed row's id is not one the base agreed on (an id changed in
// place, a rowid reused after a delete) or a pending entry has no row: only
// the full comparison finds what that removed.
std::optional<std::map<std::string, std::vector<ChangedRow>>> read_changed_rows(db::TdDatabase& database,
                                                                                db::TdDatabase::ReadSnapshot& snapshot,
                                                                                BaseStore& base,
                                                                                const ChangedRows& rows,
                                                                                const std::vector<RecordKey>& pending) {
    std::map<std::string, std::vector<ChangedRow>> by_table;
    for (const model::Kind& kind : model::all_kinds()) {
        const std::string table(kind.table);
        const std::string folder(kind.folder);
        const auto first = std::lower_bound(pending.begin(), pending.end(), RecordKey{folder, ""});
        const bool has_pending = first != pending.end() && first->folder == folder;
        if (!database.has_table(table)) {
            // Records of a kind this database has no table for: a full read settles them.
            if (has_pending) return std::nullopt;
            continue;
        }
        const std::vector<std::string>& columns = database.columns(table);
        const td::RowLayout layout(kind, columns);
        bool known = true;
        std::unordered_set<std::string> read;
        for (const bool added : {false, true}) {
            const auto& source = added ? rows.added : rows.changed;
            const auto found = source.find(table);
            if (found == source.end()) continue;
            snapshot.for_each_row_with_rowid(table, columns, found->second, [&](std::vector<db::Value>& values) {
                const std::string id = td::row_id(kind, values[layout.id_column()]);
                // Before the exclusion: a row renamed to an excluded id is
                // a record gone (its file must go), which only a full read finds.
                if (!added && !base.summary(folder, id) && !base.is_export_visit(folder, id)) known = false;
                if (kind.is_excluded(id)) return;
                require_safe_id(id, table + " row");
                read.insert(id);
                by_table[table].push_back({std::move(values), added});
            });
        }
        if (!known) return std::nullopt;
        std::vector<std::string> unread;
        for (auto key = first; key != pending.end() && key->folder == folder; ++key) {
            if (!read.count(key->id)) unread.push_back(key->id);
        }
        size_t found = 0;
        snapshot.for_each_row_with_id(table, columns, unread, [&](std::vector<db::Value>& values) {
            const std::string id = td::row_id(kind, values[layout.id_column()]);
            if (kind.is_excluded(id) || !read.insert(id).second) return;
            ++found;
            by_table[table].push_back({std::move(values), false});
        });
        if (found != unread.size()) return std::nullopt;
    }
    return by_table;
}

// The agreement lives under export_agreement; export_state, the key a
// git-td from before decision 91 kept it under, holds a tripwire that such
// a git-td never matches and rewrites (its export) or clears (its import,
// which names nothing for export): either leaves no agreement to trust.
constexpr const char* agreement_key = "export_agreement";
constexpr const char* old_agreement_key = "export_state";
constexpr const char* old_agreement_tripwire = "in export_agreement";

std::optional<std::string> agreed_export_state(BaseStore& base) {
    if (base.meta(old_agreement_key) != old_agreement_tripwire) return std::nullopt;
    return base.meta(agreement_key);
}

void set_agreed_export_state(BaseStore& base, const std::string& state) {
    base.set_meta(agreement_key, state);
    base.set_meta(old_agreement_key, old_agreement_tripwire);
}

// Reading rows one by one beats reading them all only for a small part of
// the records: past this share, the full read (a sequential scan) is faster.
constexpr size_t partial_read_limit(size_t records) { return 1000 + records / 4; }

std::vector<std::string> kind_tables(const db::TdDatabase& database) {
    std::vector<std::string> tables;
    for (const model::Kind& kind : model::all_kinds()) {
        if (database.has_table(std::string(kind.table))) tables.emplace_back(kind.table);
    }
    return tables;
}

}  // namespace

ExportReport export_tree(db::TdDatabase& database, tree::ExportTarget& target, BaseStore& base,
                         const ExportOptions& options, Diagnostics& diagnostics) {
    const std::optional<tree::TreeConfig> stored_config = tree::read_tree_config(target.source());
    tree::TreeConfig config = stored_config.value_or(tree::TreeConfig{});
    std::optional<format::Format> old_format;
    if (options.switch_format && *options.switch_format != config.format) {
        old_format = config.format;
        config.format = *options.switch_format;
    }
    ExportReport report;
    report.format = config.format;

    // Fast path: td wrote nothing since an export that left the tree in agreement.
    const std::string tree_state =
        std::string(format::extension(config.format)) + ";" + database.path().string() + options.target_state;
    const std::string state = database_stamp(database.path()) + tree_state;
    // An export that ended in agreement leaves its state. An import keeps
    // it: what it moved is named for export (BaseStore::export_pending,
    // rows_inserted_by_import), so both paths below convert those rows too,
    // changed in the database or not.
    const std::optional<std::string> last_state = agreed_export_state(base);
    const bool agreed_before = !options.full && !old_format && stored_config && last_state && !last_state->empty() &&
                               last_state->ends_with(tree_state) && !kind_folder_removed(target, base);
    // Import leaves entries for export to convert (their files may hold
    // the tree's version, not the database's) without touching their rows.
    if (agreed_before && *last_state == state && !base.has_export_pending()) {
        report.database_read = "none";
        report.database_unchanged = true;
        // The count the last export left, not count(*): that reads every
        // page of the store (0.1 s at 240k records) on every commit.
        const std::optional<std::string> records = base.meta("export_records");
        report.records = records ? std::stoul(*records) : base.count();
        return report;
    }

    db::TdDatabase::ReadSnapshot snapshot(database);
    // Which rows changed, from the database file itself (any writer's
    // changes show); kept for the next export once this one agrees.
    std::optional<db::FileFingerprints> fingerprints = snapshot.row_fingerprints(kind_tables(database));
    // The schema changed between reading the layout and this snapshot: the
    // rows below are read with columns the file no longer has alone, so
    // neither these fingerprints nor an agreement may stand for them.
    const bool layout_current = !fingerprints || fingerprints->schema_cookie == database.layout_cookie();
    if (!layout_current) fingerprints.reset();
    // Fingerprints stand for the rows of the one export whose state they
    // were stored with: any other writer of export_state (an older git-td)
    // makes them stale.
    const auto fingerprint_state = [&](const std::string& export_state) {
        return fingerprints
                   ? std::to_string(fingerprints->schema_cookie) + ";" + database.path().string() + "|" + export_state
                   : std::string();
    };
    std::optional<std::map<std::string, std::vector<ChangedRow>>> changed;
    const std::optional<std::string> records_before = base.meta("export_records");
    if (agreed_before && fingerprints && records_before &&
        base.meta("fingerprint_state") == fingerprint_state(*last_state)) {
        const std::optional<ChangedRows> rows =
            changed_rows(base.row_fingerprints(), *fingerprints, base.rows_inserted_by_import());
        const std::vector<RecordKey> pending = rows ? base.export_pending() : std::vector<RecordKey>{};
        size_t to_read = pending.size();
        if (rows) {
            for (const auto* part : {&rows->changed, &rows->added}) {
                for (const auto& [table, rowids] : *part) to_read += rowids.size();
            }
        }
        if (rows && to_read <= partial_read_limit(std::stoul(*records_before))) {
            changed = read_changed_rows(database, snapshot, base, *rows, pending);
        }
    }

    BaseTransaction transaction(base, !options.dry_run);
    if (changed) {
        // Only the rows that changed: nothing else can need the tree (a row
        // as agreed needs nothing from export, as on the fast path).
        report.database_read = "changed rows";
        report.records = std::stoul(*records_before);
        for (const model::Kind& kind : model::all_kinds()) {
            const auto rows = changed->find(std::string(kind.table));
            if (rows == changed->end()) continue;
            KindExport exporter(kind, target, config.format, old_format, base, options, report, diagnostics, true);
            const td::RowLayout layout(kind, database.columns(std::string(kind.table)));
            for (ChangedRow& row : rows->second) {
                exporter.row(layout, row.values);
                if (row.added) ++report.records;
            }
            const KindCounts counts = exporter.counts();
            report.written += counts.written;
        }
    } else {
        report.database_read = "every row";
        const size_t total = validate_ids(snapshot, database);
        size_t files_in_tree = 0;
        for (const model::Kind& kind : model::all_kinds()) {
            files_in_tree += target.record_files(kind).size();
        }
        if (total == 0 && files_in_tree > 0 && !options.force) {
            throw Error(ErrorCode::guard, database.path().string() + ": the database has no records but " +
                                              target.where() + " holds " + std::to_string(files_in_tree) +
                                              " record files; exporting would delete them all. Is --db right? "
                                              "Use --force if this is really meant");
        }
        size_t done = 0;
        for (const model::Kind& kind : model::all_kinds()) {
            KindExport exporter(kind, target, config.format, old_format, base, options, report, diagnostics);
            const std::string table(kind.table);
            if (database.has_table(table)) {
                const std::vector<std::string>& columns = database.columns(table);
                const td::RowLayout layout(kind, columns);
                snapshot.for_each_row(table, columns, [&](std::vector<db::Value>& row) {
                    const size_t records = exporter.records();
                    exporter.row(layout, row);
                    // td's built-in rows are no records, and `total` does not count them.
                    if (exporter.records() != records && ++done % 1000 == 0)
                        report_progress(options.progress, "exporting", done, total);
                });
            }
            KindCounts counts = exporter.finish();
            report.records += counts.records;
            report.written += counts.written;
            report.removed += counts.removed;
            report.kinds.push_back(std::move(counts));
        }
        report_progress(options.progress, "exporting", total, total);
    }
    if (old_format && !report.missing_from_tree.empty()) {
        throw Error(ErrorCode::guard, std::to_string(report.missing_from_tree.size()) +
                                          " record files were removed from the tree since the last import (e.g. " +
                                          report.missing_from_tree.front() +
                                          "); run 'git td import' to apply the removal, or 'git td export --full' "
                                          "to write them back, before switching the format");
    }
    if (old_format && !report.awaiting_import.empty()) {
        throw Error(ErrorCode::guard, std::to_string(report.awaiting_import.size()) +
                                          " record files changed in the tree since the last import (e.g. " +
                                          report.awaiting_import.front() +
                                          "); run 'git td import' before switching the format");
    }
    if (options.dry_run) return report;
    if (!stored_config || old_format) target.write_config(config);
    target.commit();
    // Only a tree in full agreement lets the next export trust the database
    // stamp, or read only the rows the database file shows changed.
    const bool agreement = report.awaiting_import.empty() && report.missing_from_tree.empty() && layout_current;
    if (const std::optional<std::string> generation = target.new_files_generation()) {
        base.set_meta(tree::new_files_generation_key, *generation);
    }
    set_agreed_export_state(base, agreement ? state : std::string());
    base.set_meta("export_records", std::to_string(report.records));
    base.set_row_fingerprints(fingerprints ? fingerprints->tables : std::vector<db::TableFingerprints>{});
    base.set_meta("fingerprint_state", fingerprint_state(agreement ? state : std::string()));
    transaction.commit();
    target.new_files_recorded();
    return report;
}

ExportReport export_workspace(const Workspace& workspace, const ExportOptions& options, Diagnostics& diagnostics) {
    check_tree_location(workspace);
    const TreeLock lock(workspace, diagnostics, options.dry_run);
    db::TdDatabase database = db::TdDatabase::open(workspace.database);
    BaseStore base = open_base_store(workspace, options.dry_run);
    const tree::WorkingTree tree = working_tree(workspace);
    if (options.dry_run) {
        tree::WorkingTreeTarget target(tree);
        return export_tree(database, target, base, options, diagnostics);
    }
    tree::WorkingTreeTarget target(tree, new_files_journal(workspace));
    return export_tree(database, target, base, options, diagnostics);
}

}  // namespace gittd::exchange
