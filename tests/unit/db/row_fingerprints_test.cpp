#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "../temp_dir.hpp"
#include "gittd/db/row_fingerprints.hpp"
#include "gittd/db/sqlite.hpp"

using gittd::db::Connection;
using gittd::db::FileFingerprints;
using gittd::db::RowFingerprint;
using gittd::db::Value;

namespace {

// SQLite's record format, written independently of the reader: a header of
// serial types (its own length first), then the values. What the
// fingerprint of a row must hash, whether the record sits in one page or
// runs over several.
void put_varint(std::string& out, std::uint64_t value) {
    unsigned char bytes[9];
    int n = 0;
    do {
        bytes[n++] = static_cast<unsigned char>(value & 0x7f);
        value >>= 7;
    } while (value != 0);  // values here stay below 2^56
    for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<char>(bytes[i] | (i > 0 ? 0x80 : 0)));
}

std::string record_of(const std::vector<Value>& values) {
    std::string types, body;
    for (const Value& value : values) {
        if (std::holds_alternative<std::monostate>(value)) {
            put_varint(types, 0);
        } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
            if (*n == 0 || *n == 1) {
                put_varint(types, *n == 0 ? 8 : 9);
                continue;
            }
            const std::pair<int, int> sizes[] = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 6}, {6, 8}};
            for (const auto& [type, size] : sizes) {
                const std::int64_t limit = size == 8 ? INT64_MAX : (std::int64_t{1} << (8 * size - 1)) - 1;
                if (*n > limit || *n < -limit - 1) continue;
                put_varint(types, static_cast<std::uint64_t>(type));
                for (int byte = size - 1; byte >= 0; --byte)
                    body.push_back(static_cast<char>((*n >> (8 * byte)) & 0xff));
                break;
            }
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            put_varint(types, 13 + 2 * text->size());
            body += *text;
        } else if (const auto* blob = std::get_if<gittd::db::Blob>(&value)) {
            put_varint(types, 12 + 2 * blob->bytes.size());
            body += blob->bytes;
        }
    }
    // The header's length counts its own varint (one byte for the short headers here).
    std::string header;
    put_varint(header, types.size() + 1);
    return header + types + body;
}

std::uint64_t fnv(const std::string& bytes) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::uint32_t root_of(Connection& db, const std::string& table) {
    auto query = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = ?");
    query.bind(1, table);
    REQUIRE(query.step());
    return static_cast<std::uint32_t>(std::get<std::int64_t>(query.column(0)));
}

// What the fingerprints must be: each row's record as written above, from SQLite's own reading of the rows.
std::vector<RowFingerprint> expected_rows(Connection& db) {
    std::vector<RowFingerprint> rows;
    auto query = db.prepare("SELECT rowid, id, n, body, data FROM items ORDER BY rowid");
    while (query.step()) {
        rows.push_back({std::get<std::int64_t>(query.column(0)),
                        fnv(record_of({query.column(1), query.column(2), query.column(3), query.column(4)}))});
    }
    return rows;
}

std::vector<RowFingerprint> fingerprints(Connection& db) {
    const std::optional<FileFingerprints> read =
        gittd::db::read_row_fingerprints(db, {{"items", root_of(db, "items")}});
    REQUIRE(read);
    REQUIRE(read->tables.size() == 1);
    return read->tables[0].rows;
}

std::string text_of(std::mt19937& random, size_t size) {
    std::string text;
    while (text.size() < size) text += "word" + std::to_string(random() % 1000) + (random() % 9 == 0 ? "\n" : " ");
    text.resize(size);
    return text;
}

}  // namespace

TEST_CASE("row fingerprints hash each row's record, local and overflowing, as SQLite stores it", "[fingerprints]") {
    const TempDir dir;
    for (const int page_size : {512, 4096}) {
        INFO("page size " << page_size);
        const std::filesystem::path path = dir.path() / ("items-" + std::to_string(page_size) + ".db");
        Connection db = Connection::open_or_create(path);
        db.exec("PRAGMA page_size = " + std::to_string(page_size));
        db.exec("PRAGMA journal_mode = TRUNCATE");
        db.exec("CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER, body TEXT, data BLOB)");
        std::mt19937 random(static_cast<unsigned>(page_size));
        auto insert = db.prepare("INSERT INTO items (id, n, body, data) VALUES (?, ?, ?, ?)");
        // Sizes from a few bytes to many overflow pages, integers of every width, NULLs.
        const std::vector<std::int64_t> numbers = {0, 1, -1, 127, 128, -129, 40000, 1 << 23, 1LL << 40, INT64_MIN};
        db.exec("BEGIN");
        for (int row = 0; row < 600; ++row) {
            const size_t size = row % 50 == 0 ? 20000 + random() % 30000 : random() % (row % 7 == 0 ? 3000 : 200);
            insert.bind(1, "it-" + std::to_string(row));
            insert.bind(2, row % 11 == 0 ? Value{} : Value{numbers[random() % numbers.size()]});
            insert.bind(3, text_of(random, size));
            insert.bind(4, row % 3 == 0 ? Value{gittd::db::Blob{std::string(random() % 700, '\x01')}} : Value{});
            insert.step();
            insert.reset();
        }
        db.exec("COMMIT");
        db.exec("DELETE FROM items WHERE rowid % 13 = 0");  // free cells and pages among the rest

        const std::vector<RowFingerprint> before = fingerprints(db);
        CHECK(before == expected_rows(db));

        // One changed row changes its own fingerprint and no other: a small
        // edit, and an edit deep in a long text's overflow pages.
        for (const char* edit : {"UPDATE items SET n = 7 WHERE id = 'it-5'",
                                 "UPDATE items SET body = substr(body, 1, 15000) || 'X' || substr(body, 15002) "
                                 "WHERE id = 'it-100'"}) {
            INFO(edit);
            const std::vector<RowFingerprint> was = fingerprints(db);
            db.exec(edit);
            const std::vector<RowFingerprint> now = fingerprints(db);
            CHECK(now == expected_rows(db));
            REQUIRE(now.size() == was.size());
            size_t changed = 0;
            for (size_t i = 0; i < now.size(); ++i) changed += now[i].hash != was[i].hash;
            CHECK(changed == 1);
        }
        // Rows moved by page splits keep their fingerprints.
        const std::vector<RowFingerprint> was = fingerprints(db);
        db.exec("INSERT INTO items (id, n, body) SELECT id || '-copy', n, body FROM items WHERE rowid < 300");
        std::vector<RowFingerprint> now = fingerprints(db);
        CHECK(now == expected_rows(db));
        now.resize(was.size());
        CHECK(now == was);
    }
}

TEST_CASE("row fingerprints refuse to vouch for a WAL database or a corrupt page", "[fingerprints]") {
    const TempDir dir;
    const std::filesystem::path path = dir.path() / "wal.db";
    {
        Connection db = Connection::open_or_create(path);
        db.exec("CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER, body TEXT, data BLOB)");
        db.exec("INSERT INTO items VALUES ('a', 1, 'x', NULL)");
        const std::uint32_t root = root_of(db, "items");
        CHECK(gittd::db::read_row_fingerprints(db, {{"items", root}}));
        db.exec("PRAGMA journal_mode = WAL");
        CHECK_FALSE(gittd::db::read_row_fingerprints(db, {{"items", root}}));
        db.exec("PRAGMA journal_mode = DELETE");
        // A root page that is no table b-tree (page 1 is sqlite_schema's, but
        // a page past the end, or an index's, is not a table's).
        CHECK_FALSE(gittd::db::read_row_fingerprints(db, {{"items", 999}}));
        db.exec("CREATE INDEX items_n ON items(n)");
        CHECK_FALSE(gittd::db::read_row_fingerprints(db, {{"items", root_of(db, "items_n")}}));
    }
    const Connection empty = Connection::open_or_create(dir.path() / "empty.db");
    CHECK_FALSE(gittd::db::read_row_fingerprints(empty, {}));  // no file yet: no header to read
}

TEST_CASE("reading fingerprints inside a read transaction keeps its lock: another process cannot commit",
          "[fingerprints]") {
    // Opening the file again and closing it would drop every POSIX lock this
    // process holds on it, SQLite's read lock included.
    const TempDir dir;
    const std::filesystem::path path = dir.path() / "locked.db";
    Connection db = Connection::open_or_create(path);
    db.exec("PRAGMA journal_mode = TRUNCATE");
    db.exec("CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER, body TEXT, data BLOB)");
    db.exec("INSERT INTO items VALUES ('a', 1, 'x', NULL)");
    const std::uint32_t root = root_of(db, "items");
    const std::string writer =
        "sqlite3 -cmd '.timeout 0' " + path.string() + " \"UPDATE items SET n = n + 1\" >/dev/null 2>&1";
    db.exec("BEGIN");
    REQUIRE(expected_rows(db).size() == 1);  // the read transaction's snapshot and lock
    REQUIRE(gittd::db::read_row_fingerprints(db, {{"items", root}}));
    CHECK(std::system(writer.c_str()) != 0);
    db.exec("COMMIT");
    CHECK(std::system(writer.c_str()) == 0);
}
