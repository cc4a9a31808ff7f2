#include "gittd/td/row_codec.hpp"

#include <cmath>

#include <algorithm>

#include "gittd/format/canonical_order.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/timestamp.hpp"
#include "gittd/util/utf8.hpp"

namespace gittd::td {

using format::Document;
using model::FieldType;

namespace {

struct Context {
    const model::Kind& kind;
    const std::string& id;
    std::string_view column;
    Diagnostics& diagnostics;

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(ErrorCode::invalid_input,
                    std::string(kind.table) + " row " + id + ", column " + std::string(column) + ": " + what);
    }
    void warn(const std::string& what) const {
        diagnostics.warn(std::string(kind.table) + " row " + id + ", column " + std::string(column) + ": " + what);
    }
};

const std::string& checked_text(const std::string& text, const Context& context) {
    if (!is_valid_utf8(text)) context.fail("text is not valid UTF-8; fix it with td before exporting");
    return text;
}

// A value written as the storage class SQLite holds it in.
Document as_stored(const db::Value& value, const Context& context) {
    if (std::holds_alternative<std::monostate>(value)) return nullptr;
    if (auto* i = std::get_if<std::int64_t>(&value)) return *i;
    if (auto* d = std::get_if<double>(&value)) {
        // JSON has no infinity or NaN, and the YAML reader takes .inf as text.
        if (!std::isfinite(*d)) context.fail("a REAL that is not a finite number cannot be exported");
        return *d;
    }
    if (auto* s = std::get_if<std::string>(&value)) return checked_text(*s, context);
    const std::string& bytes = std::get<db::Blob>(value).bytes;
    if (!is_valid_utf8(bytes)) context.fail("binary BLOB values cannot be exported");
    return bytes;
}

const char* storage_name(const db::Value& value) {
    switch (value.index()) {
        case 0: return "NULL";
        case 1: return "INTEGER";
        case 2: return "REAL";
        case 3: return "TEXT";
        default: return "BLOB";
    }
}

// A number in a TEXT column: td reads it as text, and so will import.
Document unexpected(const db::Value& value, const Context& context, const char* expected) {
    context.warn(std::string("expected ") + expected + ", found " + storage_name(value) + "; exported unchanged");
    return as_stored(value, context);
}

const std::string* text_of(const db::Value& value) {
    if (auto* s = std::get_if<std::string>(&value)) return s;
    if (auto* b = std::get_if<db::Blob>(&value)) return &b->bytes;
    return nullptr;
}

Document labels_from(const std::string& text) {
    Document list = Document::array();
    if (text.empty()) return list;
    size_t start = 0;
    for (;;) {
        const size_t comma = text.find(',', start);
        list.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return list;
}

// Text that is not a JSON list of strings is kept as text, for the record check to refuse.
Document string_list_from(const std::string& text) {
    Document parsed;
    try {
        format::check_json_depth(text, "");
        parsed = Document::parse(text);
    } catch (const Error&) {  // nested too deep to be a list of strings
        return text;
    } catch (const Document::exception&) {  // not JSON, or a number beyond a double
        return text;
    }
    if (parsed.is_null()) return nullptr;
    const bool all_strings =
        parsed.is_array() && std::all_of(parsed.begin(), parsed.end(), [](const Document& d) { return d.is_string(); });
    return all_strings ? parsed : Document(text);
}

Document convert(const db::Value& value, FieldType type, const Context& context) {
    if (std::holds_alternative<std::monostate>(value)) return nullptr;
    switch (type) {
        case FieldType::text:
            if (text_of(value)) return as_stored(value, context);
            return unexpected(value, context, "TEXT");
        // A value td cannot read in these columns (a REAL in an INTEGER
        // column, 7 for a boolean, text that is no timestamp) is kept as
        // stored: the exporter's record check then refuses it, naming the
        // field, as import would refuse it in a file.
        case FieldType::integer:
            if (std::holds_alternative<std::int64_t>(value)) return std::get<std::int64_t>(value);
            return as_stored(value, context);
        case FieldType::boolean:
            if (auto* i = std::get_if<std::int64_t>(&value); i && (*i == 0 || *i == 1)) return *i == 1;
            return as_stored(value, context);
        case FieldType::datetime:
        case FieldType::rfc3339_text: {
            const std::string* text = text_of(value);
            if (!text) return as_stored(value, context);
            if (auto instant = parse_td_timestamp(*text)) return format_rfc3339_utc(*instant);
            return checked_text(*text, context);
        }
        case FieldType::date:
            if (text_of(value)) return as_stored(value, context);
            return unexpected(value, context, "YYYY-MM-DD text");
        case FieldType::labels:
            if (auto* text = text_of(value)) return labels_from(checked_text(*text, context));
            return as_stored(value, context);
        case FieldType::string_list:
            if (auto* text = text_of(value)) return string_list_from(checked_text(*text, context));
            return as_stored(value, context);
    }
    return as_stored(value, context);
}

}  // namespace

std::uint64_t row_digest(const std::vector<db::Value>& row) {
    std::uint64_t hash = 1469598103934665603ULL;
    auto mix = [&hash](const void* data, size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) {
            hash ^= bytes[i];
            hash *= 1099511628211ULL;
        }
    };
    for (const db::Value& value : row) {
        const auto tag = static_cast<unsigned char>(value.index());
        mix(&tag, 1);
        if (auto* i = std::get_if<std::int64_t>(&value)) mix(i, sizeof *i);
        if (auto* d = std::get_if<double>(&value)) mix(d, sizeof *d);
        const std::string* text = std::get_if<std::string>(&value);
        if (auto* b = std::get_if<db::Blob>(&value)) text = &b->bytes;
        if (text) {
            const std::uint64_t size = text->size();
            mix(&size, sizeof size);
            mix(text->data(), text->size());
        }
    }
    return hash == 0 ? 1 : hash;  // 0 means "unknown" in the base store
}

std::string row_id(const model::Kind& kind, const db::Value& value) {
    if (auto* s = std::get_if<std::string>(&value)) return *s;
    throw Error(ErrorCode::invalid_input, std::string(kind.table) + ": a row has a " + storage_name(value) +
                                              " id; td ids are text; fix the row with td before exporting");
}

RowLayout::RowLayout(const model::Kind& kind, const std::vector<std::string>& columns)
    : kind_(&kind), columns_(columns) {
    auto index_of = [&](std::string_view name) -> std::ptrdiff_t {
        auto it = std::find(columns.begin(), columns.end(), name);
        return it == columns.end() ? -1 : it - columns.begin();
    };
    for (const model::Field& field : kind.fields) known_.push_back(index_of(field.name));
    if (known_.front() < 0) {
        throw Error(ErrorCode::invalid_input,
                    std::string(kind.table) + ": table has no id column; is this a td database?");
    }
    id_column_ = static_cast<size_t>(known_.front());
    for (size_t i = 0; i < columns.size(); ++i) {
        const std::string& name = columns[i];
        const bool known = kind.field(name) != nullptr;
        const bool local = std::find(kind.local_only.begin(), kind.local_only.end(), name) != kind.local_only.end();
        if (!known && !local && name != "conflicts") unknown_.emplace_back(name, i);
    }
    std::sort(unknown_.begin(), unknown_.end());
}

Document RowLayout::to_document(const std::vector<db::Value>& row, Diagnostics& diagnostics) const {
    const std::string id = row_id(*kind_, row[id_column_]);
    Document record = Document::object();
    // Appended, not looked up: the names are the kind's fields and the
    // columns it does not know, distinct by construction, and an ordered
    // object's operator[] searches every name before it.
    auto& fields = record.get_ref<Document::object_t&>();
    fields.reserve(kind_->fields.size() + unknown_.size());
    const auto append = [&fields](std::string name, Document value) {
        fields.Container::emplace_back(std::move(name), std::move(value));
    };
    for (size_t f = 0; f < kind_->fields.size(); ++f) {
        const model::Field& field = kind_->fields[f];
        if (known_[f] < 0) {
            append(std::string(field.name), format::migration_default(field));
            continue;
        }
        const Context context{*kind_, id, field.name, diagnostics};
        append(std::string(field.name), convert(row[static_cast<size_t>(known_[f])], field.type, context));
    }
    for (const auto& [name, index] : unknown_) {
        const Context context{*kind_, id, name, diagnostics};
        append(name, as_stored(row[index], context));
    }
    return record;
}

}  // namespace gittd::td
