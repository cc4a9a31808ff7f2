#include "gittd/merge/id_rekey.hpp"

#include <algorithm>

#include "gittd/merge/conflict_entries.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/sha256.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::merge {

using format::Document;

namespace {

bool is_time(const model::Field* field) {
    return field && (field->type == model::FieldType::datetime || field->type == model::FieldType::rfc3339_text);
}

// The field that says when a record was created: its first birth field that
// is a time, else (link kinds, whose birth is their key) its first time field.
std::string creation_field(const model::Kind& kind) {
    for (const std::string_view name : kind.birth) {
        if (is_time(kind.field(name))) return std::string(name);
    }
    for (const model::Field& field : kind.fields) {
        if (is_time(&field)) return std::string(field.name);
    }
    return {};
}

std::optional<Instant> creation_time(const std::string& field, const Document& record) {
    if (field.empty()) return std::nullopt;
    const auto it = record.find(field);
    if (it == record.end() || !it->is_string()) return std::nullopt;
    return parse_td_timestamp(it->get_ref<const std::string&>());
}

}  // namespace

Side later_created(const model::Kind& kind, const Document& ours, const Document& theirs) {
    const std::string field = creation_field(kind);
    const auto o = creation_time(field, ours), t = creation_time(field, theirs);
    if (o && t) {
        const int order = compare_instants(*o, *t);
        if (order != 0) return order > 0 ? Side::ours : Side::theirs;
    }
    return ours.dump() > theirs.dump() ? Side::ours : Side::theirs;
}

std::string fresh_id(std::string_view id, std::string_view seed, const std::function<bool(const std::string&)>& taken) {
    const size_t cut = id.find_first_of("-_");
    const std::string prefix(cut == std::string_view::npos ? std::string_view() : id.substr(0, cut + 1));
    // td's random parts are 4 to 8 hex digits; a shorter one would run out of ids.
    const size_t digits = std::max<size_t>(id.size() - prefix.size(), 4);
    for (unsigned attempt = 0; attempt < 100000; ++attempt) {
        std::string hex;
        for (unsigned block = 0; hex.size() < digits; ++block) {
            hex += sha256_hex(std::string(seed) + "\n" + std::to_string(attempt) + "\n" + std::to_string(block));
        }
        std::string candidate = prefix + hex.substr(0, digits);
        if (candidate != id && !taken(candidate)) return candidate;
    }
    throw Error(ErrorCode::invalid_input, "no free id like '" + std::string(id) + "' is left");
}

std::optional<std::string> derived_link_id(const model::Kind& kind, const Document& record) {
    const std::string_view prefix = kind.derived_id_prefix;
    if (prefix.empty()) return std::nullopt;
    std::string key;
    bool first = true;
    for (const std::string_view name : kind.birth) {
        const auto it = record.find(std::string(name));
        std::string value = it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
        // td keys a linked file by its forward-slash path.
        if (name == "file_path") std::replace(value.begin(), value.end(), '\\', '/');
        key += (first ? "" : "|") + value;
        first = false;
    }
    return std::string(prefix) + sha256_hex(key).substr(0, 16);
}

std::vector<std::string> fields_naming(const model::Kind& kind, const Document& record, std::string_view target_folder,
                                       std::string_view id) {
    std::vector<std::string> fields;
    for (const model::Reference& reference : kind.references) {
        if (model::kind(reference.target).folder != target_folder) continue;
        const auto it = record.find(std::string(reference.field));
        if (it != record.end() && it->is_string() && it->get_ref<const std::string&>() == id) {
            fields.emplace_back(reference.field);
        }
    }
    return fields;
}

Document rekey_entry(const std::string& old_id, const std::string& new_id) {
    return merge::make_entry("id", nullptr, Document::array({old_id, new_id}), new_id, "id-collision");
}

}  // namespace gittd::merge
