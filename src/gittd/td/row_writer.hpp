#pragma once
// A canonical record back to a td row (the reverse of RowLayout), written the
// way td writes it: named columns only, only the columns this database has,
// td's storage forms (DATETIME as td's canonical text, labels comma-joined,
// handoff lists as compact JSON BLOBs, booleans 0/1), and upserts with
// ON CONFLICT(id) DO UPDATE — never INSERT OR REPLACE, which would cascade
// and delete the row's children.
#include <string>
#include <vector>

#include "gittd/db/sqlite.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::td {

class RowWriter {
  public:
    RowWriter(const model::Kind& kind, const std::vector<std::string>& table_columns);

    // Columns written: the record's fields this table has (machine-local ones never).
    const std::vector<std::string>& columns() const { return columns_; }
    std::string upsert_sql() const;
    std::string delete_sql() const;

    // Values for columns(), in order. Fields this database cannot hold (an
    // older schema, or a newer td's column) are reported when not at their default.
    std::vector<db::Value> values_for(const format::Document& record, Diagnostics& diagnostics) const;

  private:
    const model::Kind* kind_;
    std::vector<std::string> columns_;
    std::vector<std::string> table_columns_;
};

// Converts one exported value to td's storage form for a field of `type`.
db::Value storage_value(model::FieldType type, const format::Document& value);

}  // namespace gittd::td
