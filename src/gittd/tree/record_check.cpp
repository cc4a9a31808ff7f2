#include "gittd/tree/record_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "gittd/format/canonical_order.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/safe_id.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::tree {

using format::Document;
using model::FieldType;

namespace {

// The 1-based line where the top-level `field` is set: "field:" at the start
// of a YAML line, or "\"field\":" in JSON; of several, the least indented
// (a block scalar's text is indented deeper than the keys it sits under). 0
// when not found.
size_t line_of_field(std::string_view text, const std::string& field) {
    size_t line = 1;
    size_t start = 0;
    size_t found = 0;
    size_t found_indent = std::string_view::npos;
    const std::string yaml_key = field + ":";
    const std::string json_key = "\"" + field + "\"";
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view content = text.substr(start, end - start);
        const size_t first = content.find_first_not_of(" \t");
        if (first != std::string_view::npos && first < found_indent) {
            content.remove_prefix(first);
            if (content.substr(0, yaml_key.size()) == yaml_key || content.substr(0, json_key.size()) == json_key) {
                found = line;
                found_indent = first;
            }
        }
        ++line;
        start = end + 1;
    }
    return found;
}

[[noreturn]] void fail(std::string_view file, std::string_view text, const std::string& field,
                       const std::string& what) {
    std::string where(file);
    if (const size_t line = line_of_field(text, field)) where += ":" + std::to_string(line);
    throw Error(ErrorCode::invalid_input, where + ": " + what);
}

const char* type_name(const Document& value) {
    switch (value.type()) {
        case Document::value_t::null: return "null";
        case Document::value_t::boolean: return "a boolean";
        case Document::value_t::number_integer:
        case Document::value_t::number_unsigned: return "an integer";
        case Document::value_t::number_float: return "a number";
        case Document::value_t::string: return "text";
        case Document::value_t::array: return "a list";
        default: return "a mapping";
    }
}

bool is_scalar(const Document& v) { return !v.is_array() && !v.is_object(); }

// A value quoted for a message, cut short.
std::string shown(const Document& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return "'" + text + "'";
}

bool all_digits(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const std::string int64_range = "td's integers are 64-bit, -9223372036854775808 to 9223372036854775807";

bool beyond_int64(const Document& value) {
    return value.is_number_unsigned() &&
           value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

std::string integer_problem(const Document& value) {
    if (beyond_int64(value)) return shown(value) + " is out of range; " + int64_range;
    if (value.is_number_integer()) return {};
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::fabs(d) >= 9223372036854775808.0) {
            return shown(value) + " is out of range; " + int64_range;
        }
        return "must be a whole number, found " + shown(value);
    }
    if (value.is_string() && all_digits(value.get<std::string>())) {
        // A YAML reader keeps digits too long for 64 bits as text; quoted digits are text too.
        const std::string& digits = value.get_ref<const std::string&>();
        if (digits.size() > 18) return shown(value) + " is out of range; " + int64_range;
        return "must be an integer, found text " + shown(value) + " (write it without quotes)";
    }
    return std::string("must be an integer, found ") + type_name(value);
}

// What may stand in a non-null field of `type`. Text columns take any scalar
// (SQLite stores a number in a TEXT column as its text); booleans in text (an
// unquoted yes/no) are refused, as are lists and mappings where a scalar belongs.
std::string type_problem(FieldType type, const Document& value) {
    switch (type) {
        case FieldType::text:
        case FieldType::date:
            if (value.is_boolean()) return "must be text, found a boolean (quote it: \"yes\")";
            if (!is_scalar(value)) return std::string("must be text, found ") + type_name(value);
            return {};
        case FieldType::datetime:
        case FieldType::rfc3339_text:
            if (!value.is_string()) return std::string("must be a timestamp in quotes, found ") + type_name(value);
            if (!parse_td_timestamp(value.get<std::string>())) {
                return "is " + shown(value) +
                       ", not a timestamp td can read (write UTC RFC 3339, e.g. \"2026-04-04T07:13:49Z\")";
            }
            return {};
        case FieldType::integer: return integer_problem(value);
        case FieldType::boolean:
            if (!value.is_boolean()) return "must be true or false, found " + shown(value);
            return {};
        case FieldType::labels:
        case FieldType::string_list:
            if (value.is_string() && type == FieldType::labels) return {};  // comma-joined, as td stores them
            if (!value.is_array()) return std::string("must be a list of text, found ") + type_name(value);
            if (!std::all_of(value.begin(), value.end(), [](const Document& d) { return d.is_string(); })) {
                return "must be a list of text; quote every item";
            }
            if (type == FieldType::labels && std::any_of(value.begin(), value.end(), [](const Document& d) {
                    return d.get<std::string>().find(',') != std::string::npos;
                })) {
                return "labels cannot contain a comma (td stores them comma-joined)";
            }
            return {};
    }
    return {};
}

const char* null_hint(FieldType type) {
    switch (type) {
        case FieldType::boolean: return "write true or false";
        case FieldType::integer: return "write a whole number";
        case FieldType::datetime:
        case FieldType::rfc3339_text: return "write a timestamp";
        case FieldType::labels:
        case FieldType::string_list: return "write [] for none";
        default: return "write \"\" for none";
    }
}

template <class T>
std::string joined(const std::vector<T>& values) {
    std::string text;
    for (const T& value : values) {
        if (!text.empty()) text += ", ";
        if constexpr (std::is_same_v<T, std::string_view>) {
            text += value;
        } else {
            text += std::to_string(value);
        }
    }
    return text;
}

std::string value_problem(const model::Field& field, const Document& value) {
    if (value.is_null()) {
        if (field.null_allowed) return {};
        return std::string("is null, which td cannot read here (") + null_hint(field.type) + ")";
    }
    if (std::string problem = type_problem(field.type, value); !problem.empty()) return problem;
    if (!field.allowed_text.empty() && value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (std::find(field.allowed_text.begin(), field.allowed_text.end(), text) == field.allowed_text.end()) {
            return "is " + shown(value) + "; td accepts only " + joined(field.allowed_text);
        }
    }
    if (!field.allowed_text.empty() && !value.is_string()) {
        return "is " + shown(value) + "; td accepts only " + joined(field.allowed_text);
    }
    if (!field.allowed_integers.empty() && value.is_number_integer()) {
        const auto number = value.get<std::int64_t>();
        if (std::find(field.allowed_integers.begin(), field.allowed_integers.end(), number) ==
            field.allowed_integers.end()) {
            return "is " + shown(value) + "; td accepts only " + joined(field.allowed_integers);
        }
    }
    return {};
}

}  // namespace

std::optional<FieldProblem> find_field_problem(const model::Kind& kind, const Document& record) {
    for (const model::Field& field : kind.fields) {
        const std::string name(field.name);
        const auto it = record.find(name);
        if (it == record.end()) continue;
        if (std::string problem = value_problem(field, *it); !problem.empty()) {
            return FieldProblem{name, "'" + name + "' " + problem};
        }
    }
    for (auto it = record.begin(); it != record.end(); ++it) {
        if (!kind.field(it.key()) && beyond_int64(*it)) {
            return FieldProblem{it.key(), "'" + it.key() + "' " + shown(*it) + " is out of range; " + int64_range};
        }
    }
    return std::nullopt;
}

void require_readable_by_td(const model::Kind& kind, const Document& record, std::string_view file,
                            std::string_view text) {
    if (auto problem = find_field_problem(kind, record)) fail(file, text, problem->field, problem->what);
}

Document check_record(const model::Kind& kind, Document record, std::string_view expected_id, std::string_view file,
                      std::string_view text) {
    const auto id = record.find("id");
    if (id == record.end() || !id->is_string()) fail(file, text, "id", "the record has no text 'id' field");
    const std::string id_text = id->get<std::string>();
    if (!is_safe_id(id_text)) fail(file, text, "id", "id '" + id_text + "' is not a safe file name");
    if (id_text != expected_id) {
        fail(file, text, "id", "id '" + id_text + "' does not match the file name; rename the file or fix the id");
    }
    std::vector<std::string> absent;
    for (const model::Field& field : kind.fields) {
        const std::string name(field.name);
        if (record.contains(name)) continue;
        record[name] = format::migration_default(field);
        absent.push_back(name);
    }
    if (auto problem = find_field_problem(kind, record)) {
        if (std::find(absent.begin(), absent.end(), problem->field) != absent.end()) {
            fail(file, text, problem->field, "'" + problem->field + "' is missing; td needs a value here");
        }
        fail(file, text, problem->field, problem->what);
    }
    const auto conflicts = record.find("conflicts");
    if (conflicts != record.end() && !conflicts->is_array()) {
        fail(file, text, "conflicts", "'conflicts' must be a list of entries");
    }
    return format::canonical_order(kind, std::move(record));
}

}  // namespace gittd::tree
