#pragma once
// One td row at a time, by id, as a canonical record (the point lookups of an
// import; export streams whole tables through TdDatabase::ReadSnapshot).
#include <optional>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/format/document.hpp"
#include "gittd/td/row_codec.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::td {

class RowReader {
  public:
    RowReader(db::TdDatabase& database, const model::Kind& kind);

    // False when this database has no table for the kind (an older td).
    bool table_exists() const { return select_.has_value(); }
    // The row with `id`, or nullopt when there is none.
    std::optional<format::Document> read(const std::string& id, Diagnostics& diagnostics);
    // Rows of the kind, as the tree counts them: td's built-in rows are not records.
    size_t count_records();

  private:
    db::TdDatabase& database_;
    const model::Kind& kind_;
    std::vector<std::string> columns_;
    std::optional<RowLayout> layout_;
    std::optional<db::Statement> select_;
};

}  // namespace gittd::td
