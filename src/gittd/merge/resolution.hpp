#pragma once
// The pure half of `git td resolve`: what to do with one conflicted path of a
// merge's index, from its three stages alone. The exchange layer
// (exchange/resolver.hpp) reads the stages, re-keys id collisions (which
// needs to know which ids are taken) and stages the results.
//   both sides have the record       -> merged field by field, as the driver would
//   an add/add of two different records -> a collision, for re-keying
//   one side edited, the other removed   -> the edit is kept (modify_delete.hpp)
//   anything else                    -> left, with why
#include <optional>
#include <string>

#include "gittd/format/document.hpp"
#include "gittd/git/merge_index.hpp"
#include "gittd/tree/record_path.hpp"

namespace gittd::merge {

// git's default marker size; a conflict-marker-size attribute only changes the markers.
inline constexpr unsigned resolve_marker_size = 7;

struct Resolution {
    enum class Outcome {
        merged,     // `bytes` resolve the path
        kept_edit,  // modify/delete: `bytes` are the edit, kept
        collision,  // add/add of two records with one id: `ours`/`theirs` need re-keying
        left,       // not resolvable here: `detail` says why
    };
    Outcome outcome = Outcome::left;
    tree::RecordPath where;
    std::string bytes;
    std::string detail;
    size_t set_aside = 0;  // conflicts entries the resolution added (values set aside)
    // For a collision: the two records, their texts, and the birth field they disagree on.
    std::optional<format::Document> ours, theirs;
    std::string ours_text, theirs_text, why;
};

Resolution resolve_conflict(const git::IndexConflict& conflict);

}  // namespace gittd::merge
