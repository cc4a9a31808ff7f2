#pragma once
// Add/add (DESIGN §4): both sides added a file with the same id. Either one
// record reached both sides (a cherry-pick, or two clones that exported the
// same td row), which merges like any other, or two records drew the same
// random id, which no field rule may blend into one.
#include <optional>
#include <string>

#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::merge {

// Why `ours` and `theirs` are two different records (the first birth field,
// the kind table's birth fields, on which they disagree), or nullopt when they may be
// one. A field missing, null or "" on either side proves nothing; timestamps
// compare as instants, so two spellings of one moment agree.
std::optional<std::string> id_collision(const model::Kind& kind, const format::Document& ours,
                                        const format::Document& theirs);

}  // namespace gittd::merge
