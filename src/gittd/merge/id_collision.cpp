#include "gittd/merge/id_collision.hpp"

#include "gittd/util/timestamp.hpp"

namespace gittd::merge {

using format::Document;

namespace {

const Document* known_value(const Document& record, const std::string& field) {
    const auto it = record.find(field);
    if (it == record.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
        return nullptr;
    }
    return &*it;
}

bool same_value(const Document& a, const Document& b) {
    if (a.is_string() && b.is_string()) {
        const auto x = parse_td_timestamp(a.get_ref<const std::string&>());
        const auto y = parse_td_timestamp(b.get_ref<const std::string&>());
        if (x && y) return compare_instants(*x, *y) == 0;
    }
    return a == b;
}

}  // namespace

std::optional<std::string> id_collision(const model::Kind& kind, const Document& ours, const Document& theirs) {
    for (const std::string_view name : kind.birth) {
        const std::string field(name);
        const Document* o = known_value(ours, field);
        const Document* t = known_value(theirs, field);
        if (o && t && !same_value(*o, *t)) {
            return field + " differs: ours " + o->dump() + ", theirs " + t->dump();
        }
    }
    return std::nullopt;
}

}  // namespace gittd::merge
