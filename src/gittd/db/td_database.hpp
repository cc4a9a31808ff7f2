#pragma once
// A td database of any schema from 27 to 38, seen through introspection: the
// tables and columns that exist, never column positions.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gittd/db/row_fingerprints.hpp"
#include "gittd/db/sqlite.hpp"

namespace gittd::db {

struct TableRows {
    std::vector<std::string> columns;      // as selected, in the table's own order
    std::vector<std::vector<Value>> rows;  // ordered by id
};

class TdDatabase {
  public:
    static TdDatabase open(const std::filesystem::path& path);

    // schema_info's version, or nullopt when the database has none.
    std::optional<int> schema_version();
    bool has_table(const std::string& table) const;
    // Column names in the table's declared order (empty when there is no such table).
    const std::vector<std::string>& columns(const std::string& table) const;
    bool has_column(const std::string& table, const std::string& column) const;

    // Reads whole tables inside one read transaction, so every table comes from
    // the same snapshot even while td writes.
    class ReadSnapshot {
      public:
        explicit ReadSnapshot(TdDatabase& database);
        ~ReadSnapshot();
        ReadSnapshot(const ReadSnapshot&) = delete;
        ReadSnapshot& operator=(const ReadSnapshot&) = delete;
        TableRows read_table(const std::string& table, const std::vector<std::string>& columns);
        // Streams rows ordered by id, so a 240k-row export never holds them all.
        void for_each_row(const std::string& table, const std::vector<std::string>& columns,
                          const std::function<void(std::vector<Value>&)>& visit);
        // The rows with these rowids (those that still exist), in the order given.
        void for_each_row_with_rowid(const std::string& table, const std::vector<std::string>& columns,
                                     const std::vector<std::int64_t>& rowids,
                                     const std::function<void(std::vector<Value>&)>& visit);
        // The rows with these ids (td's id column), in the order given.
        void for_each_row_with_id(const std::string& table, const std::vector<std::string>& columns,
                                  const std::vector<std::string>& ids,
                                  const std::function<void(std::vector<Value>&)>& visit);
        // The row fingerprints of these tables in this snapshot
        // (db/row_fingerprints.hpp); nullopt when the file cannot vouch for
        // them or a table is missing.
        std::optional<FileFingerprints> row_fingerprints(const std::vector<std::string>& tables);

      private:
        TdDatabase& database_;
    };

    Connection& connection() { return connection_; }
    const std::filesystem::path& path() const { return connection_.path(); }
    // The schema cookie (PRAGMA schema_version) the tables and columns above
    // were read under: a snapshot whose file shows another was taken after
    // a schema change this layout does not know.
    std::uint32_t layout_cookie() const { return layout_cookie_; }

  private:
    explicit TdDatabase(Connection connection) : connection_(std::move(connection)) {}
    void load_layout();
    Connection connection_;
    std::map<std::string, std::vector<std::string>> tables_;
    std::uint32_t layout_cookie_ = 0;
};

}  // namespace gittd::db
