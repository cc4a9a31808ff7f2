#include "gittd/model/merge_rules.hpp"

namespace gittd::model {

namespace {

struct Rule {
    std::string_view field;
    MergeRule rule;
};

// Rules shared by every kind: timestamps named the same way mean the same thing.
constexpr Rule common_rules[] = {
    {"created_at", MergeRule::time_min},
    {"updated_at", MergeRule::time_max},
    {"deleted_at", MergeRule::soft_delete},
};

constexpr Rule issue_rules[] = {
    {"status", MergeRule::status},
    {"priority", MergeRule::priority},
    {"closed_at", MergeRule::closed_at},
    {"closed_by_session", MergeRule::status_companion},
    {"reviewed_at", MergeRule::status_companion},
    {"reviewer_session", MergeRule::status_companion},
    {"review_requested_by_session", MergeRule::status_companion},
    {"implementer_session", MergeRule::status_companion},
    {"description", MergeRule::text},
    {"acceptance", MergeRule::text},
    {"labels", MergeRule::set},
    {"defer_count", MergeRule::counter},
};

constexpr Rule comment_rules[] = {{"text", MergeRule::text}};
constexpr Rule note_rules[] = {{"content", MergeRule::text}};
constexpr Rule review_rules[] = {{"summary", MergeRule::text}};
constexpr Rule board_rules[] = {{"last_viewed_at", MergeRule::time_max}};
constexpr Rule work_session_rules[] = {{"started_at", MergeRule::time_min},
                                       {"ended_at", MergeRule::time_max}};

template <size_t N>
const MergeRule* find(const Rule (&rules)[N], std::string_view field) {
    for (const Rule& r : rules) {
        if (r.field == field) return &r.rule;
    }
    return nullptr;
}

const MergeRule* kind_rule(const Kind& kind, std::string_view field) {
    if (kind.folder == "issues") return find(issue_rules, field);
    if (kind.folder == "comments") return find(comment_rules, field);
    if (kind.folder == "notes") return find(note_rules, field);
    if (kind.folder == "reviews") return find(review_rules, field);
    if (kind.folder == "boards") return find(board_rules, field);
    if (kind.folder == "work_sessions") return find(work_session_rules, field);
    return nullptr;
}

}  // namespace

MergeRule merge_rule(const Kind& kind, std::string_view field) {
    if (const MergeRule* rule = kind_rule(kind, field)) return *rule;
    if (const MergeRule* rule = find(common_rules, field)) return *rule;
    return MergeRule::scalar;
}

std::string_view record_clock(const Kind& kind) {
    return kind.field("updated_at") ? std::string_view("updated_at") : std::string_view();
}

}  // namespace gittd::model
