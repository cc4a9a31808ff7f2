#include "gittd/td/row_reader.hpp"

namespace gittd::td {

RowReader::RowReader(db::TdDatabase& database, const model::Kind& kind)
    : database_(database), kind_(kind), columns_(database.columns(std::string(kind.table))) {
    if (columns_.empty()) return;
    layout_.emplace(kind, columns_);
    std::string sql = "SELECT ";
    for (size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + db::quote_identifier(columns_[i]);
    sql += " FROM " + db::quote_identifier(kind.table) + " WHERE id = ?1";
    select_.emplace(database.connection().prepare(sql));
}

std::optional<format::Document> RowReader::read(const std::string& id, Diagnostics& diagnostics) {
    if (!select_) return std::nullopt;
    select_->reset();
    select_->bind(1, id);
    if (!select_->step()) return std::nullopt;
    std::vector<db::Value> row;
    for (size_t i = 0; i < columns_.size(); ++i) row.push_back(select_->column(static_cast<int>(i)));
    return layout_->to_document(row, diagnostics);
}

size_t RowReader::count_records() {
    if (!select_) return 0;
    std::string sql = "SELECT count(*) FROM " + db::quote_identifier(kind_.table) + " WHERE id NOT IN (''";
    for (size_t i = 0; i < kind_.excluded_ids.size(); ++i) sql += ", ?" + std::to_string(i + 1);
    db::Statement count = database_.connection().prepare(sql + ")");
    for (size_t i = 0; i < kind_.excluded_ids.size(); ++i) {
        count.bind(static_cast<int>(i + 1), std::string(kind_.excluded_ids[i]));
    }
    count.step();
    return static_cast<size_t>(std::get<std::int64_t>(count.column(0)));
}

}  // namespace gittd::td
