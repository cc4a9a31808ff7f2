#pragma once
// The merge function (DESIGN §4): one, used by the git merge driver, by
// branch-mode sync and by import. Pure and deterministic (no clock, no
// randomness, no environment), symmetric (swapping ours and theirs gives
// byte-identical output) and total (a missing base or a criss-cross base
// still gives a valid record). Works on generic documents so unknown fields
// survive, and records every rule-resolved disagreement in `conflicts`.
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::merge {

struct MergeResult {
    format::Document merged;   // canonical field order
    size_t new_conflicts = 0;  // entries this merge added
};

// `base` is null when the record was added on both sides (add/add).
MergeResult merge_records(const model::Kind& kind, const format::Document* base, const format::Document& ours,
                          const format::Document& theirs);

}  // namespace gittd::merge
