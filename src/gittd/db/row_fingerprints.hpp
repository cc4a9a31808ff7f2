#pragma once
// A fingerprint of every row of some tables, read from the database file
// itself rather than through SQLite: each table's b-tree walked from its
// root page, and each row's record (its payload: every column's value in
// SQLite's record format, local part and overflow pages alike) hashed.
// Any change to a row's values changes its record and so its fingerprint,
// whoever wrote it (td, the sqlite3 shell, a script that logs nothing);
// reading the pages costs a fraction of stepping through the rows.
//
// The caller holds a read transaction on the database while this runs (in
// rollback-journal mode no writer can change the file meanwhile). The
// answer is nullopt whenever the file cannot vouch for its rows: WAL mode
// (newer pages live in the -wal file), a page that does not parse as the
// format says, a cycle. The caller then reads the rows through SQLite.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gittd/db/sqlite.hpp"

namespace gittd::db {

struct RowFingerprint {
    std::int64_t rowid = 0;
    std::uint64_t hash = 0;
    bool operator==(const RowFingerprint&) const = default;
};

struct TableRoot {
    std::string table;
    std::uint32_t root_page = 0;  // sqlite_schema.rootpage
};

struct TableFingerprints {
    std::string table;
    std::vector<RowFingerprint> rows;  // in rowid order, as the b-tree holds them
};

struct FileFingerprints {
    std::uint32_t schema_cookie = 0;        // changes with every schema change
    std::vector<TableFingerprints> tables;  // in the order asked
};

// Reads through `connection`'s own file handle (see Connection::read_main_file).
std::optional<FileFingerprints> read_row_fingerprints(const Connection& connection,
                                                      const std::vector<TableRoot>& tables);

}  // namespace gittd::db
