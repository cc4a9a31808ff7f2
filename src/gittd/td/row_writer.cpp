#include "gittd/td/row_writer.hpp"

#include <algorithm>

#include "gittd/db/sqlite.hpp"
#include "gittd/td/go_json.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::td {

using format::Document;
using model::FieldType;

namespace {

db::Value generic_value(const Document& value) {
    switch (value.type()) {
        case Document::value_t::null: return std::monostate{};
        case Document::value_t::boolean: return static_cast<std::int64_t>(value.get<bool>() ? 1 : 0);
        case Document::value_t::number_integer:
        case Document::value_t::number_unsigned: return value.get<std::int64_t>();
        case Document::value_t::number_float: return value.get<double>();
        case Document::value_t::string: return value.get<std::string>();
        default: return value.dump();  // a list or mapping in an unknown column: JSON text
    }
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

db::Value storage_value(FieldType type, const Document& value) {
    if (value.is_null()) {
        // td stores an absent handoff list as the JSON text null, never SQL NULL.
        return type == FieldType::string_list ? db::Value(db::Blob{"null"}) : db::Value(std::monostate{});
    }
    switch (type) {
        case FieldType::boolean:
            if (value.is_boolean()) return static_cast<std::int64_t>(value.get<bool>() ? 1 : 0);
            break;
        case FieldType::datetime:
            if (value.is_string()) {
                if (auto instant = parse_td_timestamp(value.get<std::string>())) return format_td_canonical(*instant);
            }
            break;
        case FieldType::labels:
            if (value.is_array()) {
                std::string joined;
                for (size_t i = 0; i < value.size(); ++i) {
                    if (i) joined += ',';
                    joined += value[i].get<std::string>();
                }
                return joined;
            }
            break;
        case FieldType::string_list:
            if (value.is_array()) return db::Blob{go_json(value)};
            break;
        case FieldType::text:
        case FieldType::integer:
        case FieldType::rfc3339_text:
        case FieldType::date: break;
    }
    return generic_value(value);  // kept as exported (odd values round-trip unchanged)
}

RowWriter::RowWriter(const model::Kind& kind, const std::vector<std::string>& table_columns)
    : kind_(&kind), table_columns_(table_columns) {
    for (const std::string& column : table_columns) {
        if (contains(std::vector<std::string>(kind.local_only.begin(), kind.local_only.end()), column)) continue;
        columns_.push_back(column);
    }
}

std::string RowWriter::upsert_sql() const {
    std::string names, params, updates;
    for (size_t i = 0; i < columns_.size(); ++i) {
        const std::string quoted = db::quote_identifier(columns_[i]);
        if (i) {
            names += ", ";
            params += ", ";
        }
        names += quoted;
        params += "?" + std::to_string(i + 1);
        if (columns_[i] != "id") {
            if (!updates.empty()) updates += ", ";
            updates += quoted + " = excluded." + quoted;
        }
    }
    return "INSERT INTO " + db::quote_identifier(kind_->table) + " (" + names + ") VALUES (" + params +
           ") ON CONFLICT(id) DO UPDATE SET " + updates;
}

std::string RowWriter::delete_sql() const {
    return "DELETE FROM " + db::quote_identifier(kind_->table) + " WHERE id = ?1";
}

std::vector<db::Value> RowWriter::values_for(const Document& record, Diagnostics& diagnostics) const {
    std::vector<db::Value> values;
    values.reserve(columns_.size());
    for (const std::string& column : columns_) {
        const auto it = record.find(column);
        if (it == record.end()) {
            values.emplace_back(std::monostate{});
            continue;
        }
        const model::Field* field = kind_->field(column);
        values.push_back(field ? storage_value(field->type, *it) : generic_value(*it));
    }
    // What this database has no column for.
    const std::string id = record.value("id", std::string());
    for (auto it = record.begin(); it != record.end(); ++it) {
        if (it.key() == "conflicts" || contains(table_columns_, it.key())) continue;
        const model::Field* field = kind_->field(it.key());
        const bool at_default =
            field && (it->is_null() || *it == "" || *it == 0 || *it == false || (it->is_array() && it->empty()) ||
                      (field->missing == model::Default::text_value && *it == field->missing_text));
        if (!at_default) {
            diagnostics.warn(std::string(kind_->table) + " row " + id + ": this database has no column '" + it.key() +
                             "'; its value is kept only in the export tree (upgrade td)");
        }
    }
    return values;
}

}  // namespace gittd::td
