// Every field of every kind, three ways (issue: "each field rule for
// one-sided, identical and conflicting edits, asserting byte-identical output
// both ways"): an edit on one side wins; the same edit on both sides is taken
// with no conflict entry; different edits resolve by the field's rule and the
// value that lost is kept in a conflicts entry — nothing disappears.
#include <catch2/catch.hpp>

#include "gittd/format/codec.hpp"
#include "gittd/merge/record_merge.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/model/merge_rules.hpp"

using gittd::format::Document;
using gittd::model::FieldType;
using gittd::model::Kind;
using gittd::model::MergeRule;

namespace {

// Three distinct values of a field's type: base, ours, theirs.
Document value(FieldType type, int which) {
    const char* names[] = {"base", "ours", "theirs"};
    switch (type) {
        case FieldType::text: return std::string(names[which]) + " text";
        case FieldType::integer: return 10 + which * 7;
        case FieldType::boolean: return which == 1;
        case FieldType::datetime:
        case FieldType::rfc3339_text: return "2026-04-0" + std::to_string(which + 1) + "T10:00:00Z";
        case FieldType::date: return "2026-05-0" + std::to_string(which + 1);
        case FieldType::labels:
        case FieldType::string_list: return Document::array({"shared", names[which]});
    }
    return nullptr;
}

Document base_record(const Kind& kind) {
    Document record = Document::object();
    for (const auto& field : kind.fields) {
        record[std::string(field.name)] = field.name == "id" ? Document("x-000001") : value(field.type, 0);
    }
    if (kind.field("status")) record["status"] = "open";
    if (kind.field("closed_at")) record["closed_at"] = nullptr;  // an open record has no close time
    if (kind.field("priority")) record["priority"] = "P2";
    return record;
}

// Ranked fields need values of their ranks.
Document ranked(std::string_view field, int which) {
    if (field == "status") return which == 0 ? "open" : which == 1 ? "in_progress" : "closed";
    return which == 0 ? "P2" : which == 1 ? "P1" : "P3";
}

std::string encoded(const Document& record) { return gittd::format::encode_yaml(record); }

Document merge_both_ways(const Kind& kind, const Document& base, const Document& ours, const Document& theirs) {
    const Document one = gittd::merge::merge_records(kind, &base, ours, theirs).merged;
    const Document two = gittd::merge::merge_records(kind, &base, theirs, ours).merged;
    REQUIRE(encoded(one) == encoded(two));
    return one;
}

bool kept_in_conflicts(const Document& merged, const std::string& field, const Document& v) {
    if (!merged.contains("conflicts")) return false;
    for (const Document& entry : merged["conflicts"]) {
        if (entry["field"] != field) continue;
        for (const Document& value_kept : entry["values"]) {
            if (value_kept == v) return true;
        }
    }
    return false;
}

// Rules that combine the two sides rather than pick one, or depend on another field.
bool picks_a_side(MergeRule rule) {
    return rule == MergeRule::scalar || rule == MergeRule::status || rule == MergeRule::priority ||
           rule == MergeRule::text || rule == MergeRule::soft_delete;
}

}  // namespace

TEST_CASE("every field of every kind: one-sided, identical and conflicting edits, both ways") {
    for (const Kind& kind : gittd::model::all_kinds()) {
        for (const auto& field : kind.fields) {
            const std::string name(field.name);
            if (name == "id") continue;
            const MergeRule rule = kind.merge_rule(name);
            // Fields that follow another (status companions, closed_at) are tested with status.
            if (rule == MergeRule::status_companion || rule == MergeRule::closed_at) continue;
            INFO(std::string(kind.folder) + "." + name);
            const bool is_ranked = rule == MergeRule::status || rule == MergeRule::priority;
            auto v = [&](int which) { return is_ranked ? ranked(name, which) : value(field.type, which); };
            const Document base = base_record(kind);
            Document ours = base, theirs = base;

            // One side edits: that side's value, no entry.
            ours[name] = v(1);
            Document merged = merge_both_ways(kind, base, ours, theirs);
            CHECK(merged[name] == v(1));
            CHECK_FALSE(merged.contains("conflicts"));

            // Both make the same edit: taken, no entry.
            theirs[name] = v(1);
            merged = merge_both_ways(kind, base, ours, theirs);
            CHECK(merged[name] == v(1));
            CHECK_FALSE(merged.contains("conflicts"));

            // Different edits (booleans have only two values: no third to differ with).
            if (field.type == FieldType::boolean) continue;
            theirs[name] = v(2);
            merged = merge_both_ways(kind, base, ours, theirs);
            if (picks_a_side(rule)) {
                const bool ours_won = merged[name] == v(1);
                CHECK((ours_won || merged[name] == v(2)));
                const Document loser = ours_won ? v(2) : v(1);
                if (rule == MergeRule::text && merged[name] != v(1) && merged[name] != v(2)) continue;
                CHECK(kept_in_conflicts(merged, name, loser));
            }
            // Merging the merged record with either side again adds nothing.
            const Document again = merge_both_ways(kind, base, merged, merged);
            CHECK(encoded(again) == encoded(merged));
        }
    }
}
