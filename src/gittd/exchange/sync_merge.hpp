#pragma once
// `git td sync`'s merge (DESIGN §1, §4): two commits of the sync branch merged
// in memory, per record, with the one merge function. A path only one side
// changed since the merge base takes that side's blob as it is; a path both
// changed differently goes through the resolver `git td resolve` uses
// (merge/tree_resolution.hpp): records merged field by field, modify/delete
// kept as the edit, add/add id collisions re-keyed with their references.
// No rename detection, no worktree, no index: the result is a list of tree
// updates onto ours' tree, its new blobs stored through `write_blob`.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/git/commit_writer.hpp"
#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/merge/tree_resolution.hpp"

namespace gittd::exchange {

struct SyncMergeReport {
    std::vector<git::TreeUpdate> updates;   // onto ours' tree
    size_t taken = 0;                       // paths only theirs changed, taken as they are
    size_t merged = 0;                      // records both changed, merged field by field
    size_t kept_edits = 0;                  // modify/delete: the edit kept
    size_t rekeyed = 0;                     // add/add id collisions: records given a new id
    size_t set_aside = 0;                   // conflicts entries added (values set aside, none lost)
    std::vector<merge::ResolveStep> steps;  // what the resolver did, path by path
};

// Merges `theirs` into `ours` against `base` (nullopt: no common history,
// the first sync of a clone that had records: every record is add/add) for
// the export folder at `export_path` ("" for a branch that holds only the
// tree). Throws Error(invalid_input) naming the path when theirs brings what
// is no plain file (a symlink, a submodule) or when a path cannot be
// resolved (a record that does not parse), before anything is written.
SyncMergeReport merge_sync_commits(const git::Repository& repository, const std::optional<git::ObjectId>& base,
                                   const git::ObjectId& ours, const git::ObjectId& theirs,
                                   const std::string& export_path,
                                   const std::function<git::ObjectId(std::string_view)>& write_blob);

// What a commit brings since `from` (nullopt: everything in it) must be
// plain files, either directly in the tree or one level down in a folder:
// the tree is untrusted input (DESIGN §3.1). Throws Error(untrusted) naming
// the first path that is a symlink, a submodule or a nested folder, before
// anything is read or imported; what the remote brings through a
// fast-forward is checked as strictly as through a merge.
void refuse_untrusted_changes(const git::Repository& repository, const std::optional<git::ObjectId>& from,
                              const git::ObjectId& to, const std::string& export_path);

// The merge commit's message: what merged and what was set aside.
std::string sync_merge_message(const std::string& remote, const SyncMergeReport& report);

}  // namespace gittd::exchange
