#pragma once
// Resolving a merge of two export trees, record by record (DESIGN §4): the
// pure half shared by `git td resolve` (git's index after a CLI merge,
// exchange/resolver.hpp) and `git td sync` (two commits merged in memory,
// exchange/sync_merge.hpp). For each path both sides changed differently it
//   - re-merges a record both sides have, exactly as the driver would;
//   - resolves modify/delete: the edit wins, soft-deleted (modify_delete.hpp);
//   - re-keys an add/add id collision: the later-created record gets a fresh
//     id, and the records its side added or changed to name it follow it
//     (id_rekey.hpp), link files whose id td derives from the key renamed;
// and says why it leaves the rest. No I/O: the merged result is read through
// the view's callbacks, and the resolution is a list of paths to write.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gittd/git/merge_index.hpp"

namespace gittd::merge {

struct ResolveStep {
    std::string path;    // in the repository
    std::string action;  // merged, kept-edit, re-keyed, kept-id, rewrote-reference, renamed, left
    std::string detail;  // what was done, or why the file was left
    bool resolved = true;
    size_t line = 0;       // for markers committed in a file: the line of the first one
    size_t set_aside = 0;  // conflicts entries this step added to the record
};

// A merge as the resolver sees it.
struct MergeView {
    // Every path both sides changed differently, with its three versions.
    std::vector<git::IndexConflict> conflicts;
    // Which records each side added or changed since the merge base (to tell
    // whose references follow a re-keyed record), or nullopt with why not.
    std::optional<git::MergeSides> sides;
    std::string why_no_sides;
    std::string ours_name = "HEAD";  // how steps name our side
    // The merged result before resolution: a path's bytes (nullopt: absent),
    // and whether a path is taken there (at any stage).
    std::function<std::optional<std::string>(const std::string&)> read;
    std::function<bool(const std::string&)> exists;
};

struct TreeResolution {
    std::vector<ResolveStep> steps;
    size_t unresolved = 0;
    // What to write: path -> new bytes, or nullopt to remove.
    std::map<std::string, std::optional<std::string>> pending;
};

TreeResolution resolve_tree_merge(const MergeView& view);

}  // namespace gittd::merge
