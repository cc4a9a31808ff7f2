#include "gittd/td/export_reader.hpp"

#include <set>
#include <string>

#include "gittd/format/canonical_order.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/sha256.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::td {

using format::Document;

namespace {

// td's Go JSON carries times with their stored offset; records carry UTC.
void normalise_times(const model::Kind& kind, Document& record) {
    for (const model::Field& field : kind.fields) {
        if (field.type != model::FieldType::datetime && field.type != model::FieldType::rfc3339_text) continue;
        const auto it = record.find(std::string(field.name));
        if (it == record.end() || !it->is_string()) continue;
        if (auto instant = parse_td_timestamp(it->get<std::string>())) *it = format_rfc3339_utc(*instant);
    }
}

// td's dependency rows have deterministic ids its export leaves out:
// dep_ + the first 16 hex of sha256("issue|depends_on|relation").
std::string dependency_id(const Document& dependency) {
    const std::string key = dependency.value("issue_id", "") + "|" + dependency.value("depends_on_id", "") + "|" +
                            dependency.value("relation_type", "depends_on");
    return "dep_" + sha256_hex(key).substr(0, 16);
}

}  // namespace

std::vector<KindRecord> read_td_export(std::string_view bytes, std::string_view source) {
    // td's export is a list of {issue, logs, …}: a few levels deep.
    const Document items = format::parse_json_value(bytes, source);
    if (!items.is_array()) {
        throw Error(ErrorCode::invalid_input,
                    std::string(source) + ": not td's JSON export (expected a list of {issue, logs, …})");
    }
    std::vector<KindRecord> records;
    std::set<std::pair<std::string, std::string>> seen;  // work-session logs repeat across issues
    auto add = [&](model::KindId kind_id, Document record, size_t item) {
        const model::Kind& kind = model::kind(kind_id);
        if (!record.is_object()) {
            throw Error(ErrorCode::invalid_input, std::string(source) + ": item " + std::to_string(item + 1) + ": a " +
                                                      std::string(kind.name) + " is not an object");
        }
        if (kind.id == model::KindId::dependency && !record.contains("id")) record["id"] = dependency_id(record);
        if (kind.id == model::KindId::handoff) {
            // omitempty: a nil list is absent, and td stores it as null.
            for (const char* list : {"done", "remaining", "decisions", "uncertain"}) {
                if (!record.contains(list)) record[list] = nullptr;
            }
        }
        normalise_times(kind, record);
        const std::string id = record.value("id", "");
        if (!seen.insert({std::string(kind.folder), id}).second) return;
        const std::string where =
            std::string(source) + " (item " + std::to_string(item + 1) + ", " + std::string(kind.name) + " " + id + ")";
        records.emplace_back(&kind, tree::check_record(kind, std::move(record), id, where, ""));
    };
    for (size_t i = 0; i < items.size(); ++i) {
        const Document& item = items[i];
        if (!item.is_object() || !item.contains("issue")) {
            throw Error(ErrorCode::invalid_input,
                        std::string(source) + ": item " + std::to_string(i + 1) + " has no 'issue'");
        }
        add(model::KindId::issue, item["issue"], i);
        const std::pair<const char*, model::KindId> lists[] = {{"logs", model::KindId::log},
                                                               {"handoffs", model::KindId::handoff},
                                                               {"dependencies", model::KindId::dependency},
                                                               {"files", model::KindId::file}};
        for (const auto& [key, kind_id] : lists) {
            const auto list = item.find(key);
            if (list == item.end() || list->is_null()) continue;  // Go writes nil slices as null
            if (!list->is_array()) {
                throw Error(ErrorCode::invalid_input,
                            std::string(source) + ": item " + std::to_string(i + 1) + ": '" + key + "' is not a list");
            }
            for (const Document& record : *list) add(kind_id, record, i);
        }
        // td's older exports carried one handoff as "handoff".
        if (item.contains("handoff") && item["handoff"].is_object()) add(model::KindId::handoff, item["handoff"], i);
    }
    return records;
}

}  // namespace gittd::td
