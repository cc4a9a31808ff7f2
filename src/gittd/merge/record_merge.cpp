#include "gittd/merge/record_merge.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gittd/format/canonical_order.hpp"
#include "gittd/git/text_merge.hpp"
#include "gittd/merge/conflict_entries.hpp"
#include "gittd/model/merge_rules.hpp"
#include "gittd/util/timestamp.hpp"

namespace gittd::merge {

using format::Document;
using model::MergeRule;

namespace {

// A field's value on one side; nullopt when the side lacks the field.
using Value = std::optional<Document>;

Value value_of(const Document* doc, const std::string& field) {
    if (!doc) return std::nullopt;
    const auto it = doc->find(field);
    return it == doc->end() ? Value() : Value(*it);
}

std::string bytes_of(const Value& value) { return value ? value->dump() : std::string(); }

Document as_document(const Value& value) { return value ? *value : Document(nullptr); }

std::optional<Instant> instant_of(const Value& value) {
    if (!value || !value->is_string()) return std::nullopt;
    return parse_td_timestamp(value->get<std::string>());
}

// >0 when a is later than b. Unparsable or missing instants sort first.
int compare_times(const Value& a, const Value& b) {
    const auto x = instant_of(a), y = instant_of(b);
    if (x && y) return compare_instants(*x, *y);
    if (x || y) return x ? 1 : -1;
    return 0;
}

int rank_of(MergeRule rule, const Value& value) {
    if (!value || !value->is_string()) return -1;
    return model::rank_of(rule, value->get_ref<const std::string&>());
}

enum class Side { ours, theirs };

class RecordMerger {
  public:
    RecordMerger(const model::Kind& kind, const Document* base, const Document& ours, const Document& theirs)
        : kind_(kind), base_(base), ours_(ours), theirs_(theirs) {
        const std::string clock(kind.clock());
        clock_order_ = clock.empty() ? 0 : compare_times(value_of(&ours, clock), value_of(&theirs, clock));
    }

    MergeResult run() {
        Document merged = Document::object();
        status_winner_ = decide_status_winner();
        for (const std::string& field : field_names()) {
            Value value = merge_field(field);
            if (value) merged[field] = std::move(*value);
        }
        enforce_closed_at(merged);
        note_modified_while_deleted(merged);
        Document conflicts = merge_entry_lists(base_ ? &entries_or_empty(*base_) : nullptr, entries_or_empty(ours_),
                                               entries_or_empty(theirs_));
        add_entries(conflicts, new_entries_);
        merged["conflicts"] = std::move(conflicts);
        return {format::canonical_order(kind_, std::move(merged)), new_entries_.size()};
    }

  private:
    static const Document& entries_or_empty(const Document& doc) {
        static const Document empty = Document::array();
        const auto it = doc.find("conflicts");
        return it == doc.end() ? empty : *it;
    }

    // Known fields in kind order, then every other field any side has, sorted.
    std::vector<std::string> field_names() const {
        std::vector<std::string> names;
        for (const model::Field& f : kind_.fields) names.emplace_back(f.name);
        std::set<std::string> unknown;
        for (const Document* doc : {base_, &ours_, &theirs_}) {
            if (!doc) continue;
            for (auto it = doc->begin(); it != doc->end(); ++it) {
                if (!kind_.field(it.key()) && it.key() != "conflicts") unknown.insert(it.key());
            }
        }
        names.insert(names.end(), unknown.begin(), unknown.end());
        return names;
    }

    // Later record wins; on a tie, the larger canonical bytes (so both orders agree).
    Side later_side(const Value& o, const Value& t) const {
        if (clock_order_ != 0) return clock_order_ > 0 ? Side::ours : Side::theirs;
        return bytes_of(o) >= bytes_of(t) ? Side::ours : Side::theirs;
    }

    std::optional<Side> decide_status_winner() const {
        if (!kind_.field("status")) return std::nullopt;
        const Value o = value_of(&ours_, "status"), t = value_of(&theirs_, "status");
        if (o == t) return std::nullopt;
        const Value b = value_of(base_, "status");
        if (base_ && o == b) return Side::theirs;
        if (base_ && t == b) return Side::ours;
        const int ro = rank_of(MergeRule::status, o), rt = rank_of(MergeRule::status, t);
        if (ro != rt) return ro > rt ? Side::ours : Side::theirs;
        return later_side(o, t);
    }

    Value pick(Side side, const Value& o, const Value& t) const { return side == Side::ours ? o : t; }

    Value resolved(const std::string& field, const Value& b, const Value& o, const Value& t, Side side,
                   const char* rule) {
        Value chosen = pick(side, o, t);
        new_entries_.push_back(make_entry(field, as_document(b), Document::array({as_document(o), as_document(t)}),
                                          as_document(chosen), rule));
        return chosen;
    }

    Value merge_field(const std::string& field) {
        Value o = value_of(&ours_, field), t = value_of(&theirs_, field);
        if (o == t) return o;
        const Value b = value_of(base_, field);
        if (base_ && o == b) return t;
        if (base_ && t == b) return o;
        // Both sides changed the field, differently.
        const MergeRule rule = kind_.merge_rule(field);
        switch (rule) {
            case MergeRule::status: return resolved(field, b, o, t, *status_winner_, "rank");
            case MergeRule::priority: {
                const int ro = rank_of(rule, o), rt = rank_of(rule, t);
                const Side side = ro != rt ? (ro > rt ? Side::ours : Side::theirs) : later_side(o, t);
                return resolved(field, b, o, t, side, "rank");
            }
            case MergeRule::status_companion:
            case MergeRule::closed_at:
                if (status_winner_) return resolved(field, b, o, t, *status_winner_, "status");
                return resolved(field, b, o, t, later_side(o, t), "lww");
            case MergeRule::text: return merge_text(field, b, o, t);
            case MergeRule::set: return merge_set(field, b, o, t);
            case MergeRule::counter: return merge_counter(field, b, o, t);
            case MergeRule::time_min:
            case MergeRule::time_max: {
                if (!instant_of(o) || !instant_of(t)) return resolved(field, b, o, t, later_side(o, t), "lww");
                const int order = compare_times(o, t);
                const bool want_later = rule == MergeRule::time_max;
                if (order == 0) return bytes_of(o) >= bytes_of(t) ? o : t;
                return (order > 0) == want_later ? o : t;
            }
            case MergeRule::soft_delete:
            case MergeRule::scalar: return resolved(field, b, o, t, later_side(o, t), "lww");
        }
        return resolved(field, b, o, t, later_side(o, t), "lww");
    }

    Value merge_text(const std::string& field, const Value& b, const Value& o, const Value& t) {
        const bool texts = o && o->is_string() && t && t->is_string() && (!b || b->is_string() || b->is_null());
        if (texts) {
            const std::string base_text = b && b->is_string() ? b->get<std::string>() : std::string();
            // Both orders are tried and must agree, so the result cannot depend on the side.
            auto one = git::merge_text_lines(base_text, o->get<std::string>(), t->get<std::string>());
            auto two = git::merge_text_lines(base_text, t->get<std::string>(), o->get<std::string>());
            if (one && two && *one == *two) return Document(*one);
        }
        return resolved(field, b, o, t, later_side(o, t), "text");
    }

    static bool is_string_list(const Value& v) {
        return v && v->is_array() && std::all_of(v->begin(), v->end(), [](const Document& d) { return d.is_string(); });
    }

    // Kept: base items neither side removed, in base order; then items either side
    // added, sorted (so both orders agree).
    Value merge_set(const std::string& field, const Value& b, const Value& o, const Value& t) {
        const bool base_ok = !b || b->is_null() || is_string_list(b);
        if (!is_string_list(o) || !is_string_list(t) || !base_ok) {
            return resolved(field, b, o, t, later_side(o, t), "lww");
        }
        auto as_set = [](const Value& v) {
            std::set<std::string> s;
            if (v && v->is_array()) {
                for (const Document& d : *v) s.insert(d.get<std::string>());
            }
            return s;
        };
        const std::set<std::string> in_base = as_set(b), in_ours = as_set(o), in_theirs = as_set(t);
        Document result = Document::array();
        std::set<std::string> emitted;
        if (b && b->is_array()) {
            for (const Document& d : *b) {
                const std::string item = d.get<std::string>();
                if (in_ours.count(item) && in_theirs.count(item) && emitted.insert(item).second) {
                    result.push_back(item);
                }
            }
        }
        std::set<std::string> added;
        for (const auto* side : {&in_ours, &in_theirs}) {
            for (const std::string& item : *side) {
                if (!in_base.count(item)) added.insert(item);
            }
        }
        for (const std::string& item : added) {
            if (emitted.insert(item).second) result.push_back(item);
        }
        return result;
    }

    Value merge_counter(const std::string& field, const Value& b, const Value& o, const Value& t) {
        if (!o || !o->is_number_integer() || !t || !t->is_number_integer() || (b && !b->is_number_integer())) {
            return resolved(field, b, o, t, later_side(o, t), "lww");
        }
        const auto ov = o->get<std::int64_t>(), tv = t->get<std::int64_t>();
        if (!b) return Document(std::max(ov, tv));  // added on both sides: no common start
        const auto bv = b->get<std::int64_t>();
        std::int64_t ours_delta = 0, theirs_delta = 0, partial = 0, sum = 0;
        if (__builtin_sub_overflow(ov, bv, &ours_delta) || __builtin_sub_overflow(tv, bv, &theirs_delta) ||
            __builtin_add_overflow(bv, ours_delta, &partial) || __builtin_add_overflow(partial, theirs_delta, &sum)) {
            // Beyond td's 64-bit integers: no sum to give, so the later side's value.
            return resolved(field, b, o, t, later_side(o, t), "lww");
        }
        return Document(sum);
    }

    // DESIGN §4: closed_at only while the merged status is closed.
    void enforce_closed_at(Document& merged) {
        if (!kind_.field("closed_at") || !merged.contains("status") || !merged.contains("closed_at")) return;
        if (merged["status"] == "closed" || merged["closed_at"].is_null()) return;
        const Value b = value_of(base_, "closed_at");
        const Document dropped = merged["closed_at"];
        new_entries_.push_back(
            make_entry("closed_at", as_document(b), Document::array({dropped, nullptr}), nullptr, "status"));
        merged["closed_at"] = nullptr;
    }

    bool edited_besides_delete(const Document& side) const {
        if (!base_) return false;
        const std::string clock(kind_.clock());
        for (auto it = side.begin(); it != side.end(); ++it) {
            if (it.key() == "deleted_at" || it.key() == clock || it.key() == "conflicts") continue;
            if (value_of(base_, it.key()) != Value(it.value())) return true;
        }
        return false;
    }

    // One side deleted (soft), the other edited: both are kept, and the merge says so.
    void note_modified_while_deleted(const Document& merged) {
        if (!base_ || !kind_.field("deleted_at")) return;
        const Value b = value_of(base_, "deleted_at");
        if (b && !b->is_null()) return;
        const Value o = value_of(&ours_, "deleted_at"), t = value_of(&theirs_, "deleted_at");
        const bool ours_deleted = o && !o->is_null(), theirs_deleted = t && !t->is_null();
        if (ours_deleted == theirs_deleted) return;
        if (!edited_besides_delete(ours_deleted ? theirs_ : ours_)) return;
        new_entries_.push_back(make_entry("deleted_at", as_document(b),
                                          Document::array({as_document(o), as_document(t)}),
                                          merged.value("deleted_at", Document()), "modified-while-deleted"));
    }

    const model::Kind& kind_;
    const Document* base_;
    const Document& ours_;
    const Document& theirs_;
    int clock_order_ = 0;
    std::optional<Side> status_winner_;
    std::vector<Document> new_entries_;
};

}  // namespace

MergeResult merge_records(const model::Kind& kind, const Document* base, const Document& ours, const Document& theirs) {
    return RecordMerger(kind, base, ours, theirs).run();
}

}  // namespace gittd::merge
