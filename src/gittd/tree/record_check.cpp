#include "gittd/tree/record_check.hpp"

#include <algorithm>

#include "gittd/format/canonical_order.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/safe_id.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::tree {

using format::Document;
using model::FieldType;

namespace {

// The 1-based line where `field` is set: "field:" at the start of a YAML line,
// or "\"field\":" in JSON. 0 when not found.
size_t line_of_field(std::string_view text, const std::string& field) {
    size_t line = 1;
    size_t start = 0;
    const std::string yaml_key = field + ":";
    const std::string json_key = "\"" + field + "\"";
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view content = text.substr(start, end - start);
        const size_t first = content.find_first_not_of(' ');
        if (first != std::string_view::npos) {
            content.remove_prefix(first);
            if (content.substr(0, yaml_key.size()) == yaml_key || content.substr(0, json_key.size()) == json_key) {
                return line;
            }
        }
        ++line;
        start = end + 1;
    }
    return 0;
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

// What may stand in a field of `type`: its own type, null, or (kept as the
// exporter wrote an odd stored value) another scalar. Lists and mappings
// where a scalar belongs, and booleans in text (an unquoted yes/no), are refused.
std::string type_problem(FieldType type, const Document& value) {
    if (value.is_null()) return {};
    switch (type) {
        case FieldType::text:
        case FieldType::date:
        case FieldType::datetime:
        case FieldType::rfc3339_text:
            if (value.is_boolean()) return "must be text, found a boolean (quote it: \"yes\")";
            if (!is_scalar(value)) return std::string("must be text, found ") + type_name(value);
            return {};
        case FieldType::integer:
            if (value.is_boolean() || value.is_number_float() || !is_scalar(value)) {
                return std::string("must be an integer, found ") + type_name(value);
            }
            return {};
        case FieldType::boolean:
            if (value.is_number_float() || value.is_string() || !is_scalar(value)) {
                return std::string("must be true or false, found ") + type_name(value);
            }
            return {};
        case FieldType::labels:
        case FieldType::string_list:
            if (value.is_string()) return {};
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

}  // namespace

Document check_record(const model::Kind& kind, Document record, std::string_view expected_id, std::string_view file,
                      std::string_view text, Diagnostics& diagnostics) {
    const auto id = record.find("id");
    if (id == record.end() || !id->is_string()) fail(file, text, "id", "the record has no text 'id' field");
    const std::string id_text = id->get<std::string>();
    if (!is_safe_id(id_text)) fail(file, text, "id", "id '" + id_text + "' is not a safe file name");
    if (id_text != expected_id) {
        fail(file, text, "id", "id '" + id_text + "' does not match the file name; rename the file or fix the id");
    }
    for (const model::Field& field : kind.fields) {
        const std::string name(field.name);
        const auto it = record.find(name);
        if (it == record.end()) {
            record[name] = format::migration_default(field);
            continue;
        }
        if (std::string problem = type_problem(field.type, *it); !problem.empty()) {
            fail(file, text, name, "'" + name + "' " + problem);
        }
        const bool timestamp = field.type == FieldType::datetime || field.type == FieldType::rfc3339_text;
        if (timestamp && it->is_string() && !parse_td_timestamp(it->get<std::string>())) {
            diagnostics.warn(std::string(file) + ": '" + name + "' is not a timestamp td can read; imported unchanged");
        }
    }
    const auto conflicts = record.find("conflicts");
    if (conflicts != record.end() && !conflicts->is_array()) {
        fail(file, text, "conflicts", "'conflicts' must be a list of entries");
    }
    return format::canonical_order(kind, record);
}

}  // namespace gittd::tree
