#pragma once
// How a field merges when both sides changed it differently (DESIGN §4), and
// the ranks of the ranked fields. Plain data; each field's rule is in the
// kind table (kinds.cpp) and the merge function in src/gittd/merge applies it.
#include <string_view>

namespace gittd::model {

enum class MergeRule {
    scalar,            // later record clock wins; tie: larger canonical bytes ("lww")
    status,            // ranked: closed > in_review > blocked > in_progress > open ("rank")
    priority,          // ranked: P0 > P1 > P2 > P3 > P4 ("rank")
    status_companion,  // taken from the side whose status won ("status")
    closed_at,         // from the status winner, and only while the merged status is closed
    text,              // line merge (git_merge_file); on overlap the later side's text ("text")
    set,               // three-way set merge of a list; removals count; never a conflict
    counter,           // base + both deltas; never a conflict
    time_min,          // earliest instant; never a conflict (created_at)
    time_max,          // latest instant; never a conflict (updated_at)
    soft_delete,       // as scalar, plus modified-while-deleted when the other side edited
};

// The rank of `value` under a ranked rule (status, priority): higher wins.
// -1 for a value the rule does not rank (and for every other rule).
int rank_of(MergeRule rule, std::string_view value);

}  // namespace gittd::model
