#include "gittd/merge/modify_delete.hpp"

#include "gittd/format/canonical_order.hpp"
#include "gittd/merge/conflict_entries.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::merge {

using format::Document;

namespace {

bool is_set(const Document& record, const char* field) {
    const auto it = record.find(field);
    return it != record.end() && it->is_string() && !it->get_ref<const std::string&>().empty();
}

// When the deletion is dated: no clock may be read (every clone must agree),
// so the record's own latest time stands for it.
Document deletion_time(const model::Kind& kind, const Document& record) {
    if (is_set(record, "updated_at")) return record["updated_at"];
    std::optional<Instant> latest;
    Document chosen = "1970-01-01T00:00:00Z";
    for (const model::Field& field : kind.fields) {
        if (field.type != model::FieldType::datetime && field.type != model::FieldType::rfc3339_text) continue;
        const auto it = record.find(std::string(field.name));
        if (it == record.end() || !it->is_string()) continue;
        const auto instant = parse_td_timestamp(it->get_ref<const std::string&>());
        if (instant && (!latest || compare_instants(*instant, *latest) > 0)) {
            latest = instant;
            chosen = *it;
        }
    }
    return chosen;
}

}  // namespace

Document keep_edit_over_delete(const model::Kind& kind, const Document* base, Document edited) {
    Document entry;
    if (kind.field("deleted_at")) {
        const Document before = edited.value("deleted_at", Document());
        if (!is_set(edited, "deleted_at")) edited["deleted_at"] = deletion_time(kind, edited);
        const Document base_value = base ? base->value("deleted_at", Document()) : Document();
        entry = merge::make_entry("deleted_at", base_value, Document::array({before, edited["deleted_at"]}),
                                  edited["deleted_at"], "modified-while-deleted");
    } else {
        const Document id = edited.value("id", Document());
        entry = merge::make_entry("id", id, Document::array({id, nullptr}), id, "modified-while-deleted");
    }
    Document list = edited.value("conflicts", Document::array());
    merge::add_entries(list, {entry});
    edited["conflicts"] = list;
    return format::canonical_order(kind, edited);
}

}  // namespace gittd::merge
