#include "gittd/format/canonical_order.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace gittd::format {

Document canonical_order(const model::Kind& kind, Document record) {
    // Each entry's place: a known field's column, then unknown fields by
    // name, then a non-empty `conflicts`. One pass to rank, one sort, and the
    // values move: this runs for every record a merge or an import writes.
    struct Place {
        size_t rank;
        const std::string* name;
        Document* value;
    };
    const size_t unknown_rank = kind.fields.size(), conflicts_rank = unknown_rank + 1;
    std::vector<Place> places;
    places.reserve(record.size());
    for (auto& [name, value] : record.get_ref<Document::object_t&>()) {
        size_t rank = unknown_rank;
        if (name == "conflicts") {
            if (!value.is_array() || value.empty()) continue;
            rank = conflicts_rank;
        } else if (const model::Field* field = kind.field(name)) {
            rank = static_cast<size_t>(field - kind.fields.data());
        }
        places.push_back({rank, &name, &value});
    }
    std::sort(places.begin(), places.end(),
              [](const Place& a, const Place& b) { return a.rank != b.rank ? a.rank < b.rank : *a.name < *b.name; });
    Document ordered = Document::object();
    auto& entries = ordered.get_ref<Document::object_t&>();
    entries.reserve(places.size());
    // The names are unique already (they are one object's keys), so the
    // entries go in without ordered_map's search for an existing key.
    for (const Place& place : places) entries.emplace_back(*place.name, std::move(*place.value));
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
