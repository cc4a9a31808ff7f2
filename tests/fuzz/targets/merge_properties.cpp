// The merge function (DESIGN §4) on records the fuzzer builds: a base, and
// two sides that each change some of its fields (or a record added on both
// sides). Holds, for every kind and every value, well typed or not:
//   symmetric      swapping ours and theirs gives the same bytes;
//   deterministic  merging again gives the same bytes;
//   total          the result is a record the writer writes and reads back;
//   idempotent     merging the result with itself changes nothing;
//   nothing lost   each value a side set is in the result or in a conflict
//                  entry (or, where the rule combines values, in the
//                  combination: set items added, line merges, sums, min/max).
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "byte_source.hpp"
#include "fuzz_check.hpp"
#include "gittd/merge/record_merge.hpp"
#include "gittd/util/timestamp.hpp"

using namespace gittd;
using format::Document;
using model::MergeRule;

namespace {

constexpr std::string_view characters[] = {
    "a", "b", "c", " ", "\n", "\t", "\r", "é", "✓", "-",    ":",    "#",  "\"", "'",    "\\",     "1",    "0",
    "~", "{", "[", "&", "*",  "!",  "%",  "|", ">", "null", "true", "- ", ": ", "\n\n", "\u2028", "\x7f", "\x01"};
constexpr std::string_view words[] = {"open", "in_progress", "blocked",  "in_review", "closed",  "P0",
                                      "P1",   "P2",          "P3",       "P4",        "bug",     "task",
                                      "",     "x",           "line 1\n", "line 2\n",  "line 3\n"};

std::string timestamp(fuzz::ByteSource& in) {
    std::string text = "2026-0" + std::to_string(1 + in.pick(9)) + "-1" + std::to_string(in.pick(10)) + "T0" +
                       std::to_string(in.pick(10)) + ":00:0" + std::to_string(in.pick(10));
    if (in.chance(2)) text += "." + std::to_string(in.pick(1000));
    return text + (in.chance(3) ? "+02:00" : "Z");
}

Document text_value(fuzz::ByteSource& in) {
    if (in.chance(2)) return std::string(words[in.pick(std::size(words))]);
    if (in.chance(3)) {  // lines, so that line merges happen
        std::string text;
        for (size_t lines = in.pick(6); lines > 0; --lines) text += "line " + std::to_string(in.pick(8)) + "\n";
        return text;
    }
    return in.text(characters, 12);
}

Document value(fuzz::ByteSource& in) {
    switch (in.pick(12)) {
        case 0: return nullptr;
        case 1: return in.chance(2);
        case 2: return static_cast<std::int64_t>(in.pick(7)) - 2;
        case 3: return in.integer();
        case 4: return in.chance(2) ? 0.5 : -1e300;
        case 5:
        case 6: return timestamp(in);
        case 7: {
            Document list = Document::array();
            for (size_t n = in.pick(4); n > 0; --n) list.push_back(in.chance(6) ? Document(3) : text_value(in));
            return list;
        }
        case 8: return Document::object({{"nested", text_value(in)}});
        default: return text_value(in);
    }
}

// One of three unknown field names (x_a, x_b, x_c), so that sides share them.
std::string unknown_field(fuzz::ByteSource& in) { return std::string("x_") + "abc"[in.pick(3)]; }

std::string record_id(const model::Kind& kind) {
    if (!kind.id_prefix.empty()) return std::string(kind.id_prefix) + std::string(kind.id_hex_digits, 'a');
    return std::string(kind.derived_id_prefix) + "0123456789abcdef";
}

Document random_record(fuzz::ByteSource& in, const model::Kind& kind) {
    Document record = {{"id", record_id(kind)}};
    for (const model::Field& field : kind.fields) {
        if (field.name == "id" || in.chance(5)) continue;
        record[std::string(field.name)] = value(in);
    }
    for (size_t extra = in.pick(3); extra > 0; --extra) record[unknown_field(in)] = value(in);
    return record;
}

// A side: the base with some fields changed, removed or added.
Document edited(fuzz::ByteSource& in, const model::Kind& kind, const Document& base) {
    Document side = base;
    for (size_t edits = in.pick(5); edits > 0; --edits) {
        const size_t which = in.pick(kind.fields.size() + 2);
        const std::string field = which < kind.fields.size() ? std::string(kind.fields[which].name) : unknown_field(in);
        if (field == "id") continue;
        if (in.chance(6)) {
            side.erase(field);
        } else {
            side[field] = value(in);
        }
    }
    return side;
}

using Value = std::optional<Document>;
Value field_of(const Document* record, const std::string& field) {
    if (!record || !record->contains(field)) return std::nullopt;
    return (*record)[field];
}

bool entry_keeps(const Document& merged, const std::string& field, const Value& value) {
    const Document wanted = value ? *value : Document(nullptr);
    const auto entries = merged.find("conflicts");  // the writer leaves an empty list out
    if (entries == merged.end()) return false;
    for (const Document& entry : *entries) {
        if (entry["field"] != field) continue;
        for (const Document& kept : entry["values"]) {
            if (kept == wanted) return true;
        }
    }
    return false;
}

bool strings(const Value& value) {
    return value && value->is_array() &&
           std::all_of(value->begin(), value->end(), [](const Document& d) { return d.is_string(); });
}

std::vector<std::string> lines_of(const Value& text) {
    std::vector<std::string> lines;
    if (!text || !text->is_string()) return lines;
    const std::string& whole = text->get_ref<const std::string&>();
    size_t start = 0;
    while (start < whole.size()) {
        const size_t end = whole.find('\n', start);
        lines.push_back(whole.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

std::optional<Instant> instant(const Value& value) {
    if (!value || !value->is_string()) return std::nullopt;
    return parse_td_timestamp(value->get<std::string>());
}

// Whether a rule that combines values, rather than choosing one, combined
// `mine` (with the other side's value and the base's) into `result` as it must.
bool combined(MergeRule rule, const Value& mine, const Value& other, const Value& base, const Value& result) {
    switch (rule) {
        case MergeRule::set: {  // every item this side added is in the result
            if (!strings(mine) || !strings(result)) return false;
            for (const Document& item : *mine) {
                const bool added =
                    !base || !base->is_array() || std::find(base->begin(), base->end(), item) == base->end();
                if (added && std::find(result->begin(), result->end(), item) == result->end()) return false;
            }
            return true;
        }
        case MergeRule::counter: {  // the base plus both sides' deltas; the larger with no base
            const auto integer = [](const Value& v) { return v && v->is_number_integer(); };
            if (!integer(mine) || !integer(other) || !integer(result)) return false;
            const auto m = mine->get<std::int64_t>(), o = other->get<std::int64_t>();
            if (!base) return result->get<std::int64_t>() == std::max(m, o);
            if (!integer(base)) return false;
            const auto b = base->get<std::int64_t>();
            std::int64_t mine_delta = 0, other_delta = 0, partial = 0, sum = 0;
            if (__builtin_sub_overflow(m, b, &mine_delta) || __builtin_sub_overflow(o, b, &other_delta) ||
                __builtin_add_overflow(b, mine_delta, &partial) || __builtin_add_overflow(partial, other_delta, &sum)) {
                return false;  // beyond 64 bits the rule chooses a side instead: an entry keeps this one
            }
            return result->get<std::int64_t>() == sum;
        }
        case MergeRule::time_min:
        case MergeRule::time_max: {  // the earlier (the later) instant of the two
            const auto m = instant(mine), o = instant(other), r = instant(result);
            if (!m || !o || !r) return false;
            const int order = compare_instants(*m, *o);
            const Instant& want = order == 0 ? *r : ((order < 0) == (rule == MergeRule::time_min) ? *m : *o);
            return compare_instants(*r, want) == 0;
        }
        case MergeRule::text: {  // a line merge: every line this side added is in the result
            if (!mine || !mine->is_string() || !result || !result->is_string()) return false;
            const std::vector<std::string> before = lines_of(base), after = lines_of(result);
            for (const std::string& line : lines_of(mine)) {
                const bool added = std::find(before.begin(), before.end(), line) == before.end();
                if (added && std::find(after.begin(), after.end(), line) == after.end()) return false;
            }
            return true;
        }
        default: return false;
    }
}

void require_nothing_lost(const model::Kind& kind, const Document* base, const Document& ours, const Document& theirs,
                          const Document& merged) {
    for (const Document* side : {&ours, &theirs}) {
        for (auto it = side->begin(); it != side->end(); ++it) {
            const std::string& field = it.key();
            if (field == "conflicts") continue;
            const Document* other_side = side == &ours ? &theirs : &ours;
            const Value mine = field_of(side, field), other = field_of(other_side, field),
                        before = field_of(base, field);
            if (base && mine == before) continue;  // this side did not set it
            const Value result = field_of(&merged, field);
            const bool kept = result == mine || entry_keeps(merged, field, mine) ||
                              combined(kind.merge_rule(field), mine, other, before, result);
            fuzz::require(kept, "a value a side set is lost", field + ": " + it.value().dump());
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::ByteSource in(data, size);
    const auto kinds = model::all_kinds();
    const model::Kind& kind = kinds[in.pick(kinds.size())];
    Document base = random_record(in, kind);
    if (in.chance(4)) {  // a base that carries entries from an earlier merge
        base = merge::merge_records(kind, &base, edited(in, kind, base), edited(in, kind, base)).merged;
    }
    const bool added_on_both_sides = in.chance(5);
    const Document ours = added_on_both_sides ? random_record(in, kind) : edited(in, kind, base);
    const Document theirs = added_on_both_sides ? random_record(in, kind) : edited(in, kind, base);
    const Document* b = added_on_both_sides ? nullptr : &base;

    const merge::MergeResult result = merge::merge_records(kind, b, ours, theirs);
    const Document& merged = result.merged;
    const std::string bytes = format::encode_yaml(merged);
    const merge::MergeResult swapped = merge::merge_records(kind, b, theirs, ours);
    fuzz::require(format::encode_yaml(swapped.merged) == bytes, "not symmetric", bytes);
    fuzz::require(swapped.new_conflicts == result.new_conflicts, "not symmetric in the entries it adds");
    fuzz::require(format::encode_yaml(merge::merge_records(kind, b, ours, theirs).merged) == bytes,
                  "not deterministic");
    fuzz::require_round_trip(merged);
    const merge::MergeResult again = merge::merge_records(kind, &merged, merged, merged);
    fuzz::require(again.merged == merged && again.new_conflicts == 0, "merging the result with itself changes it");
    const merge::MergeResult both_sides = merge::merge_records(kind, b, merged, merged);
    fuzz::require(both_sides.merged == merged && both_sides.new_conflicts == 0,
                  "two sides that agree do not merge to what they agree on");
    require_nothing_lost(kind, b, ours, theirs, merged);
    return 0;
}
