#include "gittd/exchange/base_store.hpp"

#include "gittd/util/error.hpp"

namespace gittd::exchange {

namespace {
constexpr const char* schema_sql =
    "CREATE TABLE IF NOT EXISTS base ("
    "  folder TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL,"
    "  file_size INTEGER NOT NULL, file_mtime_ns INTEGER NOT NULL, file_inode INTEGER NOT NULL,"
    "  row_digest INTEGER NOT NULL DEFAULT 0, canonical_blob BLOB,"
    "  PRIMARY KEY (folder, id)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    // The td database's row fingerprints when the last export read it
    // (db/row_fingerprints.hpp), one blob per table.
    "CREATE TABLE IF NOT EXISTS row_fingerprints (tbl TEXT PRIMARY KEY, rows BLOB NOT NULL);"
    // The entries export must look at whatever the database file shows:
    // those whose row digest is unknown (0), which import leaves.
    "CREATE INDEX IF NOT EXISTS base_export_pending ON base (folder, id) WHERE row_digest = 0;"
    // Records whose entry import erased while their row stays (kept, or
    // already deleted in td): export writes them back.
    "CREATE TABLE IF NOT EXISTS export_visits ("
    "  folder TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (folder, id)) WITHOUT ROWID;"
    // A canonical blob stands for the record it was computed from: a write
    // of another record that keeps the old blob (a git-td from before
    // canonical blobs) forgets it.
    "CREATE TRIGGER IF NOT EXISTS base_record_forgets_blob AFTER UPDATE OF record ON base"
    "  WHEN old.record IS NOT new.record AND new.canonical_blob IS old.canonical_blob"
    "  AND new.canonical_blob IS NOT NULL BEGIN"
    "  UPDATE base SET canonical_blob = NULL WHERE folder = new.folder AND id = new.id; END;"
    // Rowids an import inserted since those fingerprints were taken: one
    // that the fingerprints show held a row held another one before (td
    // freed it, SQLite gave it out again). Table '*': an import could not
    // say (SQLite without RETURNING).
    "CREATE TABLE IF NOT EXISTS rows_inserted_by_import ("
    "  tbl TEXT NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (tbl, row)) WITHOUT ROWID;"
    // Every change of an agreed record (not of its stamps) unsettles it: the
    // store may no longer hold what the settled commit's tree holds. An
    // upsert's DO NOTHING, not INSERT OR IGNORE: in a trigger, the outer
    // statement's conflict policy (an upsert's ABORT) overrides an OR
    // clause, not an upsert. Nor INSERT ... SELECT ... WHERE NOT EXISTS
    // (the triggers before these): a SELECT from the table inserted into
    // goes through a temporary table, which made a base store write cost
    // twice a plain one (bench/README.md).
    "CREATE TABLE IF NOT EXISTS unsettled ("
    "  folder TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (folder, id)) WITHOUT ROWID;"
    "DROP TRIGGER IF EXISTS base_insert_unsettles;"
    "DROP TRIGGER IF EXISTS base_update_unsettles;"
    "DROP TRIGGER IF EXISTS base_delete_unsettles;"
    "CREATE TRIGGER IF NOT EXISTS base_inserted_unsettles AFTER INSERT ON base BEGIN"
    "  INSERT INTO unsettled (folder, id) VALUES (new.folder, new.id) ON CONFLICT DO NOTHING; END;"
    "CREATE TRIGGER IF NOT EXISTS base_updated_unsettles AFTER UPDATE OF record ON base"
    "  WHEN old.record IS NOT new.record BEGIN"
    "  INSERT INTO unsettled (folder, id) VALUES (new.folder, new.id) ON CONFLICT DO NOTHING; END;"
    "CREATE TRIGGER IF NOT EXISTS base_deleted_unsettles AFTER DELETE ON base BEGIN"
    "  INSERT INTO unsettled (folder, id) VALUES (old.folder, old.id) ON CONFLICT DO NOTHING; END";

std::vector<RecordKey> select_keys(db::Connection& connection, const char* sql) {
    db::Statement select = connection.prepare(sql);
    std::vector<RecordKey> keys;
    while (select.step()) keys.push_back({select.column_text(0), select.column_text(1)});
    return keys;
}
}  // namespace

BaseStore BaseStore::open(const std::filesystem::path& path) {
    const std::filesystem::path dir = path.parent_path();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(ErrorCode::io, dir.string() + ": cannot create: " + ec.message());
    BaseStore store(db::Connection::open_or_create(path));
    store.create_schema();
    return store;
}

BaseStore BaseStore::open_without_creating(const std::filesystem::path& path) {
    std::error_code ec;
    BaseStore store(std::filesystem::is_regular_file(path, ec) ? db::Connection::open_existing(path)
                                                               : db::Connection::open_or_create(":memory:"));
    store.create_schema();
    return store;
}

void BaseStore::create_schema() {
    // Up to date (the schema's newest object is there): nothing to take a
    // write lock for.
    // Every object there, and none of the triggers decision 116 replaced (a
    // git-td from before it re-creates those on every open).
    db::Statement current = connection_.prepare(
        "SELECT (SELECT count(*) FROM sqlite_master WHERE name IN ('base', 'meta', 'row_fingerprints',"
        " 'base_export_pending', 'export_visits', 'base_record_forgets_blob', 'rows_inserted_by_import',"
        " 'unsettled', 'base_inserted_unsettles', 'base_updated_unsettles', 'base_deleted_unsettles')) = 11"
        " AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name IN ('base_insert_unsettles',"
        " 'base_update_unsettles', 'base_delete_unsettles'))");
    if (current.step() && std::get<std::int64_t>(current.column(0)) == 1) return;
    // One transaction: two processes opening a store an older git-td wrote
    // (a hook and a command) must not both add the column.
    connection_.exec("BEGIN IMMEDIATE");
    try {
        const bool had_unsettled = connection_.prepare("SELECT 1 FROM sqlite_master WHERE name = 'unsettled'").step();
        // A store an older git-td wrote has no canonical_blob column (it knows no blob).
        const bool had_base = connection_.prepare("SELECT 1 FROM sqlite_master WHERE name = 'base'").step();
        if (had_base &&
            !connection_.prepare("SELECT 1 FROM pragma_table_info('base') WHERE name = 'canonical_blob'").step())
            connection_.exec("ALTER TABLE base ADD COLUMN canonical_blob BLOB");
        connection_.exec(schema_sql);
        // Tables of git-td builds between decisions 90 and 91's final form.
        connection_.exec("DROP TABLE IF EXISTS rows_removed_by_import; DROP TABLE IF EXISTS rows_moved_by_import");
        // A store an older git-td wrote knows of no record that it agrees
        // with a commit: every one is unsettled until compared.
        if (!had_unsettled)
            connection_.exec("INSERT OR IGNORE INTO unsettled (folder, id) SELECT folder, id FROM base");
        connection_.exec("COMMIT");
    } catch (...) {
        try {
            connection_.exec("ROLLBACK");
        } catch (const Error&) {
            // SQLite rolled back already (an I/O error): the first error is the one to report.
        }
        throw;
    }
}

std::uint64_t BaseStore::data_version() {
    db::Statement pragma = connection_.prepare("PRAGMA data_version");
    pragma.step();
    return static_cast<std::uint64_t>(std::get<std::int64_t>(pragma.column(0)));
}

std::unordered_map<std::string, BaseStamp> BaseStore::load_stamps(const std::string& folder) {
    db::Statement select =
        connection_.prepare("SELECT id, file_size, file_mtime_ns, file_inode FROM base WHERE folder = ?1");
    select.bind(1, folder);
    std::unordered_map<std::string, BaseStamp> entries;
    while (select.step()) {
        entries.emplace(select.column_text(0),
                        BaseStamp{{std::get<std::int64_t>(select.column(1)), std::get<std::int64_t>(select.column(2)),
                                   std::get<std::int64_t>(select.column(3))}});
    }
    return entries;
}

std::unordered_map<std::string, std::string> BaseStore::load_canonical_blobs(const std::string& folder) {
    db::Statement select = connection_.prepare("SELECT id, canonical_blob FROM base WHERE folder = ?1");
    select.bind(1, folder);
    std::unordered_map<std::string, std::string> blobs;
    while (select.step()) {
        const db::Value blob = select.column(1);
        const auto* bytes = std::get_if<db::Blob>(&blob);
        blobs.emplace(select.column_text(0), bytes ? bytes->bytes : std::string());
    }
    return blobs;
}

std::unordered_map<std::string, BaseSummary> BaseStore::load_summaries(const std::string& folder) {
    db::Statement select = connection_.prepare(
        "SELECT id, file_size, file_mtime_ns, file_inode, row_digest, instr(record, '\"conflicts\":') > 0 "
        "FROM base WHERE folder = ?1");
    select.bind(1, folder);
    std::unordered_map<std::string, BaseSummary> entries;
    while (select.step()) {
        BaseSummary summary;
        summary.file = {std::get<std::int64_t>(select.column(1)), std::get<std::int64_t>(select.column(2)),
                        std::get<std::int64_t>(select.column(3))};
        summary.row_digest = static_cast<std::uint64_t>(std::get<std::int64_t>(select.column(4)));
        summary.has_conflicts = std::get<std::int64_t>(select.column(5)) != 0;
        entries.emplace(select.column_text(0), summary);
    }
    return entries;
}

std::optional<BaseSummary> BaseStore::summary(const std::string& folder, const std::string& id) {
    db::Statement select = connection_.prepare(
        "SELECT file_size, file_mtime_ns, file_inode, row_digest, instr(record, '\"conflicts\":') > 0 "
        "FROM base WHERE folder = ?1 AND id = ?2");
    select.bind(1, folder);
    select.bind(2, id);
    if (!select.step()) return std::nullopt;
    BaseSummary summary;
    summary.file = {std::get<std::int64_t>(select.column(0)), std::get<std::int64_t>(select.column(1)),
                    std::get<std::int64_t>(select.column(2))};
    summary.row_digest = static_cast<std::uint64_t>(std::get<std::int64_t>(select.column(3)));
    summary.has_conflicts = std::get<std::int64_t>(select.column(4)) != 0;
    return summary;
}

// Fingerprints are stored as (rowid, hash) pairs of 8 bytes each, little-endian.
std::map<std::string, std::vector<db::RowFingerprint>> BaseStore::row_fingerprints() {
    db::Statement select = connection_.prepare("SELECT tbl, rows FROM row_fingerprints");
    std::map<std::string, std::vector<db::RowFingerprint>> tables;
    while (select.step()) {
        const db::Value rows = select.column(1);
        const auto* blob = std::get_if<db::Blob>(&rows);
        if (!blob || blob->bytes.size() % 16 != 0) continue;  // not ours: the caller reads every row
        std::vector<db::RowFingerprint>& out = tables[select.column_text(0)];
        out.reserve(blob->bytes.size() / 16);
        for (size_t at = 0; at < blob->bytes.size(); at += 16) {
            std::uint64_t words[2] = {0, 0};
            for (int word = 0; word < 2; ++word) {
                for (int byte = 7; byte >= 0; --byte) {
                    words[word] = (words[word] << 8) |
                                  static_cast<unsigned char>(
                                      blob->bytes[at + 8 * static_cast<size_t>(word) + static_cast<size_t>(byte)]);
                }
            }
            out.push_back({static_cast<std::int64_t>(words[0]), words[1]});
        }
    }
    return tables;
}

void BaseStore::set_row_fingerprints(const std::vector<db::TableFingerprints>& tables) {
    connection_.exec("DELETE FROM row_fingerprints; DELETE FROM rows_inserted_by_import; DELETE FROM export_visits");
    db::Statement insert = connection_.prepare("INSERT INTO row_fingerprints (tbl, rows) VALUES (?1, ?2)");
    for (const db::TableFingerprints& table : tables) {
        db::Blob blob;
        blob.bytes.reserve(table.rows.size() * 16);
        for (const db::RowFingerprint& row : table.rows) {
            for (const std::uint64_t word : {static_cast<std::uint64_t>(row.rowid), row.hash}) {
                for (int byte = 0; byte < 8; ++byte)
                    blob.bytes.push_back(static_cast<char>((word >> (8 * byte)) & 0xff));
            }
        }
        insert.bind(1, table.table);
        insert.bind(2, std::move(blob));
        insert.step();
        insert.reset();
    }
}

std::map<std::string, std::set<std::int64_t>> BaseStore::rows_inserted_by_import() {
    db::Statement select = connection_.prepare("SELECT tbl, row FROM rows_inserted_by_import");
    std::map<std::string, std::set<std::int64_t>> inserted;
    while (select.step()) inserted[select.column_text(0)].insert(std::get<std::int64_t>(select.column(1)));
    return inserted;
}

void BaseStore::add_rows_inserted_by_import(const std::string& table, const std::vector<std::int64_t>& rowids) {
    db::Statement insert = connection_.prepare(
        "INSERT INTO rows_inserted_by_import (tbl, row) VALUES (?1, ?2) ON CONFLICT (tbl, row) DO NOTHING");
    for (const std::int64_t rowid : rowids) {
        insert.reset();
        insert.bind(1, table);
        insert.bind(2, rowid);
        insert.step();
    }
}

void BaseStore::add_export_visit(const std::string& folder, const std::string& id) {
    db::Statement insert = connection_.prepare(
        "INSERT INTO export_visits (folder, id) VALUES (?1, ?2) ON CONFLICT (folder, id) DO NOTHING");
    insert.bind(1, folder);
    insert.bind(2, id);
    insert.step();
}

std::vector<RecordKey> BaseStore::export_pending() {
    return select_keys(connection_,
                       "SELECT folder, id FROM base WHERE row_digest = 0 UNION "
                       "SELECT folder, id FROM export_visits ORDER BY 1, 2");
}

bool BaseStore::has_export_pending() {
    return connection_.prepare("SELECT 1 FROM base WHERE row_digest = 0 UNION ALL SELECT 1 FROM export_visits LIMIT 1")
        .step();
}

bool BaseStore::is_export_visit(const std::string& folder, const std::string& id) {
    db::Statement select = connection_.prepare("SELECT 1 FROM export_visits WHERE folder = ?1 AND id = ?2");
    select.bind(1, folder);
    select.bind(2, id);
    return select.step();
}

std::optional<BaseStamp> BaseStore::stamp(const std::string& folder, const std::string& id) {
    db::Statement select =
        connection_.prepare("SELECT file_size, file_mtime_ns, file_inode FROM base WHERE folder = ?1 AND id = ?2");
    select.bind(1, folder);
    select.bind(2, id);
    if (!select.step()) return std::nullopt;
    return BaseStamp{{std::get<std::int64_t>(select.column(0)), std::get<std::int64_t>(select.column(1)),
                      std::get<std::int64_t>(select.column(2))}};
}

std::vector<RecordKey> BaseStore::keys() {
    return select_keys(connection_, "SELECT folder, id FROM base ORDER BY folder, id");
}

std::vector<RecordKey> BaseStore::unsettled() {
    return select_keys(connection_, "SELECT folder, id FROM unsettled ORDER BY folder, id");
}

void BaseStore::set_settled(const RecordKey& key, bool settled) {
    // Prepared once: a first settle marks every record of the store.
    std::optional<db::Statement>& cached = settled ? settle_ : unsettle_;
    if (!cached) {
        cached.emplace(connection_.prepare(settled ? "DELETE FROM unsettled WHERE folder = ?1 AND id = ?2"
                                                   : "INSERT OR IGNORE INTO unsettled (folder, id) VALUES (?1, ?2)"));
    }
    db::Statement& statement = *cached;
    statement.reset();
    statement.bind(1, key.folder);
    statement.bind(2, key.id);
    statement.step();
}

void BaseStore::settle_every_record() { connection_.exec("DELETE FROM unsettled"); }

std::string canonical_blob_key(format::Format format, const git::ObjectId& blob) {
    std::string key(format::extension(format));
    key += ':';
    key.append(reinterpret_cast<const char*>(blob.bytes.data()), blob.bytes.size());
    return key;
}

std::optional<BaseStore::RecordAndBlob> BaseStore::record_and_blob(const std::string& folder, const std::string& id) {
    if (!record_and_blob_) {
        record_and_blob_.emplace(
            connection_.prepare("SELECT record, canonical_blob FROM base WHERE folder = ?1 AND id = ?2"));
    }
    db::Statement& select = *record_and_blob_;
    select.reset();
    select.bind(1, folder);
    select.bind(2, id);
    if (!select.step()) return std::nullopt;
    RecordAndBlob found{select.column_text(0), {}};
    const db::Value blob = select.column(1);
    if (const auto* bytes = std::get_if<db::Blob>(&blob)) found.canonical_blob = bytes->bytes;
    // A statement left on its row keeps SQLite's read lock, which would
    // stop another process from committing to the store.
    select.reset();
    return found;
}

std::optional<std::string> BaseStore::canonical_blob(const std::string& folder, const std::string& id) {
    if (!canonical_blob_) {
        canonical_blob_.emplace(connection_.prepare("SELECT canonical_blob FROM base WHERE folder = ?1 AND id = ?2"));
    }
    db::Statement& select = *canonical_blob_;
    select.reset();
    select.bind(1, folder);
    select.bind(2, id);
    if (!select.step()) return std::nullopt;
    std::string found;
    const db::Value blob = select.column(0);
    if (const auto* bytes = std::get_if<db::Blob>(&blob)) found = bytes->bytes;
    select.reset();  // as in record_and_blob: no read lock left behind
    return found;
}

std::optional<std::string> BaseStore::record(const std::string& folder, const std::string& id) {
    std::optional<RecordAndBlob> found = record_and_blob(folder, id);
    if (!found) return std::nullopt;
    return std::move(found->record);
}

size_t BaseStore::count() {
    db::Statement select = connection_.prepare("SELECT count(*) FROM base");
    select.step();
    return static_cast<size_t>(std::get<std::int64_t>(select.column(0)));
}

bool BaseStore::has_files_in(const std::string& folder) {
    db::Statement select = connection_.prepare(
        "SELECT 1 FROM base WHERE folder = ?1 AND (file_size <> 0 OR file_mtime_ns <> 0 OR file_inode <> 0) LIMIT 1");
    select.bind(1, folder);
    return select.step();
}

std::optional<std::string> BaseStore::meta(const std::string& key) {
    db::Statement select = connection_.prepare("SELECT value FROM meta WHERE key = ?1");
    select.bind(1, key);
    if (!select.step()) return std::nullopt;
    return select.column_text(0);
}

void BaseStore::set_meta(const std::string& key, const std::string& value) {
    db::Statement upsert = connection_.prepare(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, key);
    upsert.bind(2, value);
    upsert.step();
}

void BaseStore::begin() { connection_.exec("BEGIN IMMEDIATE"); }
void BaseStore::begin_read() { connection_.exec("BEGIN"); }
void BaseStore::rollback() { connection_.exec("ROLLBACK"); }
void BaseStore::commit() { connection_.exec("COMMIT"); }

void BaseStore::put(const std::string& folder, const std::string& id, const BaseEntry& entry) {
    if (!put_) {
        put_.emplace(connection_.prepare(
            "INSERT INTO base (folder, id, record, file_size, file_mtime_ns, file_inode, row_digest, canonical_blob) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
            "ON CONFLICT (folder, id) DO UPDATE SET record = excluded.record, file_size = excluded.file_size, "
            "file_mtime_ns = excluded.file_mtime_ns, file_inode = excluded.file_inode, row_digest = "
            "excluded.row_digest, canonical_blob = excluded.canonical_blob"));
    }
    db::Statement& upsert = *put_;
    upsert.reset();
    upsert.bind(1, folder);
    upsert.bind(2, id);
    upsert.bind(3, entry.record);
    upsert.bind(4, entry.file.size);
    upsert.bind(5, entry.file.mtime_ns);
    upsert.bind(6, entry.file.inode);
    upsert.bind(7, static_cast<std::int64_t>(entry.row_digest));
    if (entry.canonical_blob.empty()) {
        upsert.bind(8, db::Value{});
    } else {
        upsert.bind(8, db::Blob{entry.canonical_blob});
    }
    upsert.step();
}

void BaseStore::erase(const std::string& folder, const std::string& id) {
    if (!erase_) erase_.emplace(connection_.prepare("DELETE FROM base WHERE folder = ?1 AND id = ?2"));
    db::Statement& remove = *erase_;
    remove.reset();
    remove.bind(1, folder);
    remove.bind(2, id);
    remove.step();
}

void BaseStore::restamp(const std::string& folder, const std::string& id, const FileStamp& file) {
    set_stamp(folder, id, file, false);
}

void BaseStore::refresh_stamp(const std::string& folder, const std::string& id, const FileStamp& file) {
    set_stamp(folder, id, file, true);
}

void BaseStore::set_stamp(const std::string& folder, const std::string& id, const FileStamp& file,
                          bool keep_row_digest) {
    std::optional<db::Statement>& cached = keep_row_digest ? refresh_stamp_ : restamp_;
    if (!cached) {
        cached.emplace(connection_.prepare(std::string("UPDATE base SET file_size = ?3, file_mtime_ns = ?4, "
                                                       "file_inode = ?5") +
                                           (keep_row_digest ? "" : ", row_digest = 0") +
                                           " WHERE folder = ?1 AND id = ?2"));
    }
    db::Statement& update = *cached;
    update.reset();
    update.bind(1, folder);
    update.bind(2, id);
    update.bind(3, file.size);
    update.bind(4, file.mtime_ns);
    update.bind(5, file.inode);
    update.step();
}

void remove_base_store(const std::filesystem::path& path, bool strict) {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::filesystem::path file = path;
        file += suffix;
        std::error_code ec;
        std::filesystem::remove(file, ec);
        if (ec && strict) {
            throw Error(ErrorCode::io, file.string() + ": cannot remove the stale base store: " + ec.message());
        }
    }
}

}  // namespace gittd::exchange
