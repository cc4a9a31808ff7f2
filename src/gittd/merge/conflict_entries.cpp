#include "gittd/merge/conflict_entries.hpp"

#include <algorithm>
#include <map>

#include "gittd/git/text_merge.hpp"

namespace gittd::merge {

namespace {

std::map<std::string, Document> by_id(const Document* list) {
    std::map<std::string, Document> entries;
    if (!list || !list->is_array()) return entries;
    for (const Document& entry : *list) {
        const auto id = entry.find("id");
        // An entry without a string id is kept under its own bytes, never dropped.
        const std::string key = id != entry.end() && id->is_string() ? id->get<std::string>() : entry.dump();
        entries.emplace(key, entry);
    }
    return entries;
}

Document as_list(const std::map<std::string, Document>& entries) {
    Document list = Document::array();
    for (const auto& [id, entry] : entries) list.push_back(entry);
    return list;
}

}  // namespace

Document make_entry(const std::string& field, const Document& base, Document values, const Document& chosen,
                    const std::string& rule) {
    std::sort(values.begin(), values.end(), [](const Document& a, const Document& b) { return a.dump() < b.dump(); });
    const std::string key = Document::array({field, base, values}).dump();
    Document entry = Document::object();
    entry["id"] = "c-" + git::blob_hash_hex(key).substr(0, 8);
    entry["field"] = field;
    entry["base"] = base;
    entry["values"] = std::move(values);
    entry["chosen"] = chosen;
    entry["rule"] = rule;
    return entry;
}

Document merge_entry_lists(const Document* base, const Document& ours, const Document& theirs) {
    const auto base_entries = by_id(base);
    const auto our_entries = by_id(&ours);
    const auto their_entries = by_id(&theirs);
    std::map<std::string, Document> merged;
    auto keep = [&](const std::map<std::string, Document>& side, const std::map<std::string, Document>& other) {
        for (const auto& [id, entry] : side) {
            const bool was_in_base = base_entries.count(id) > 0;
            // In base and gone from the other side: resolved there; the removal counts.
            if (was_in_base && other.count(id) == 0) continue;
            // The same id twice with different bytes (hand-edited): keep the
            // larger, so both merge orders agree.
            auto [it, inserted] = merged.emplace(id, entry);
            if (!inserted && entry.dump() > it->second.dump()) it->second = entry;
        }
    };
    keep(our_entries, their_entries);
    keep(their_entries, our_entries);
    return as_list(merged);
}

void add_entries(Document& list, const std::vector<Document>& entries) {
    auto merged = by_id(&list);
    for (const Document& entry : entries) merged.emplace(entry["id"].get<std::string>(), entry);
    list = as_list(merged);
}

}  // namespace gittd::merge
