#pragma once
// A td row as a canonical record document (DESIGN §2.1): known fields in td's
// order with their exported types, columns an older database lacks filled with
// td's migration default, unknown columns after them sorted by name.
#include <cstdint>
#include <string>
#include <vector>

#include "gittd/db/sqlite.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::td {

// Maps a table's column list onto a kind once, so each row converts without lookups.
class RowLayout {
  public:
    RowLayout(const model::Kind& kind, const std::vector<std::string>& columns);

    const model::Kind& kind() const { return *kind_; }
    // Column index of `id` in the selected columns.
    size_t id_column() const { return id_column_; }

    // Throws Error(invalid_input) for text that is not UTF-8 or an unusable id.
    // Values of an unexpected storage class are kept as they are (a number in
    // a text column with a warning); those td cannot read are left for the
    // record check (tree::find_field_problem) to refuse.
    format::Document to_document(const std::vector<db::Value>& row, Diagnostics& diagnostics) const;

  private:
    const model::Kind* kind_;
    size_t id_column_ = 0;
    std::vector<std::ptrdiff_t> known_;                    // per kind field: column index or -1
    std::vector<std::pair<std::string, size_t>> unknown_;  // sorted by name
    std::vector<std::string> columns_;
};

// FNV-1a over a row's raw values (storage class, length and bytes of each):
// a cheap fingerprint that tells export a row is unchanged without converting it.
std::uint64_t row_digest(const std::vector<db::Value>& row);

// The id of a row as text (td ids are TEXT; anything else is refused).
std::string row_id(const model::Kind& kind, const db::Value& value);

}  // namespace gittd::td
