#include "gittd/db/td_database.hpp"

#include <algorithm>

#include "gittd/util/error.hpp"

namespace gittd::db {

TdDatabase TdDatabase::open(const std::filesystem::path& path) {
    TdDatabase database(Connection::open_existing(path));
    database.load_layout();
    if (!database.has_table("issues")) {
        throw Error(ErrorCode::invalid_input, path.string() + ": not a td database (no issues table); pass --db PATH");
    }
    return database;
}

void TdDatabase::load_layout() {
    // One read transaction: the tables, their columns and the schema cookie
    // they belong to come from one state even while td migrates the file.
    connection_.exec("BEGIN");
    Statement cookie = connection_.prepare("PRAGMA schema_version");
    if (cookie.step()) layout_cookie_ = static_cast<std::uint32_t>(std::get<std::int64_t>(cookie.column(0)));
    Statement tables = connection_.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::vector<std::string> names;
    while (tables.step()) names.push_back(tables.column_text(0));
    for (const std::string& name : names) {
        Statement info = connection_.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
        info.bind(1, name);
        std::vector<std::string> columns;
        while (info.step()) columns.push_back(info.column_text(0));
        tables_.emplace(name, std::move(columns));
    }
    connection_.exec("COMMIT");
}

std::optional<int> TdDatabase::schema_version() {
    if (!has_table("schema_info")) return std::nullopt;
    Statement query = connection_.prepare("SELECT value FROM schema_info WHERE key = 'version'");
    if (!query.step()) return std::nullopt;
    try {
        return std::stoi(query.column_text(0));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool TdDatabase::has_table(const std::string& table) const { return tables_.count(table) > 0; }

const std::vector<std::string>& TdDatabase::columns(const std::string& table) const {
    static const std::vector<std::string> none;
    auto it = tables_.find(table);
    return it == tables_.end() ? none : it->second;
}

bool TdDatabase::has_column(const std::string& table, const std::string& column) const {
    const std::vector<std::string>& names = columns(table);
    return std::find(names.begin(), names.end(), column) != names.end();
}

TdDatabase::ReadSnapshot::ReadSnapshot(TdDatabase& database) : database_(database) {
    // A deferred transaction takes its read snapshot at the first SELECT and
    // keeps it until COMMIT: every table below is read from that one state.
    database_.connection_.exec("BEGIN");
}

TdDatabase::ReadSnapshot::~ReadSnapshot() {
    try {
        database_.connection_.exec("COMMIT");
    } catch (const Error&) {
        // Nothing was written; closing the connection ends the transaction.
    }
}

TableRows TdDatabase::ReadSnapshot::read_table(const std::string& table, const std::vector<std::string>& columns) {
    TableRows result;
    result.columns = columns;
    for_each_row(table, columns, [&](std::vector<Value>& row) { result.rows.push_back(std::move(row)); });
    return result;
}

namespace {
// SELECT the named columns of `table`, then `tail` (an ORDER BY or a WHERE).
std::string select_sql(const std::string& table, const std::vector<std::string>& columns, std::string_view tail) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i) sql += ", ";
        sql += quote_identifier(columns[i]);
    }
    return sql + " FROM " + quote_identifier(table) + " " + std::string(tail);
}

// The statement's current row, into `row` (reused: one allocation per read, not per row).
std::vector<Value>& current_row(const Statement& select, size_t count, std::vector<Value>& row) {
    row.clear();
    for (size_t i = 0; i < count; ++i) row.push_back(select.column(static_cast<int>(i)));
    return row;
}
}  // namespace

void TdDatabase::ReadSnapshot::for_each_row(const std::string& table, const std::vector<std::string>& columns,
                                            const std::function<void(std::vector<Value>&)>& visit) {
    if (columns.empty()) return;
    Statement select = database_.connection_.prepare(select_sql(table, columns, "ORDER BY id"));
    std::vector<Value> row;
    while (select.step()) visit(current_row(select, columns.size(), row));
}

namespace {
// The rows whose `key` column holds one of `keys` (those that exist), in the order given.
template <typename Key>
void for_each_row_keyed(Connection& connection, const std::string& table, const std::vector<std::string>& columns,
                        std::string_view key, const std::vector<Key>& keys,
                        const std::function<void(std::vector<Value>&)>& visit) {
    if (columns.empty() || keys.empty()) return;
    Statement select = connection.prepare(select_sql(table, columns, "WHERE " + std::string(key) + " = ?1"));
    std::vector<Value> row;
    for (const Key& value : keys) {
        select.bind(1, value);
        while (select.step()) visit(current_row(select, columns.size(), row));
        select.reset();
    }
}
}  // namespace

void TdDatabase::ReadSnapshot::for_each_row_with_rowid(const std::string& table,
                                                       const std::vector<std::string>& columns,
                                                       const std::vector<std::int64_t>& rowids,
                                                       const std::function<void(std::vector<Value>&)>& visit) {
    for_each_row_keyed(database_.connection_, table, columns, "rowid", rowids, visit);
}

void TdDatabase::ReadSnapshot::for_each_row_with_id(const std::string& table, const std::vector<std::string>& columns,
                                                    const std::vector<std::string>& ids,
                                                    const std::function<void(std::vector<Value>&)>& visit) {
    for_each_row_keyed(database_.connection_, table, columns, "id", ids, visit);
}

std::optional<FileFingerprints> TdDatabase::ReadSnapshot::row_fingerprints(const std::vector<std::string>& tables) {
    // This query is the transaction's first read when nothing was read yet:
    // from here on the snapshot (and its lock) holds until COMMIT.
    std::map<std::string, std::uint32_t> roots;
    Statement select = database_.connection_.prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table'");
    while (select.step()) {
        const Value root = select.column(1);
        if (const auto* page = std::get_if<std::int64_t>(&root); page && *page > 0 && *page <= 0xffffffff)
            roots.emplace(select.column_text(0), static_cast<std::uint32_t>(*page));
    }
    std::vector<TableRoot> wanted;
    for (const std::string& table : tables) {
        const auto root = roots.find(table);
        if (root == roots.end()) return std::nullopt;
        wanted.push_back({table, root->second});
    }
    return read_row_fingerprints(database_.connection_, wanted);
}

}  // namespace gittd::db
