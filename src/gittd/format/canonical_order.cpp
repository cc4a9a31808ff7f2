#include "gittd/format/canonical_order.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace gittd::format {

Document canonical_order(const model::Kind& kind, const Document& record) {
    Document ordered = Document::object();
    for (const model::Field& field : kind.fields) {
        const auto it = record.find(std::string(field.name));
        if (it != record.end()) ordered[std::string(field.name)] = *it;
    }
    std::vector<std::string> unknown;
    for (auto it = record.begin(); it != record.end(); ++it) {
        if (!kind.field(it.key()) && it.key() != "conflicts") unknown.push_back(it.key());
    }
    std::sort(unknown.begin(), unknown.end());
    for (const std::string& name : unknown) ordered[name] = record[name];
    const auto conflicts = record.find("conflicts");
    if (conflicts != record.end() && conflicts->is_array() && !conflicts->empty()) {
        ordered["conflicts"] = *conflicts;
    }
    return ordered;
}

Document migration_default(const model::Field& field) {
    switch (field.missing) {
        case model::Default::null: return nullptr;
        case model::Default::empty_text: return "";
        case model::Default::zero: return 0;
        case model::Default::false_: return false;
        case model::Default::empty_list: return Document::array();
        case model::Default::text_value: return std::string(field.missing_text);
    }
    return nullptr;
}

}  // namespace gittd::format
