#pragma once
// How two commits relate in history: what import needs to tell a step back
// from a change that arrived (DESIGN §3: the base of a record is its version
// in the merge base of the commit the database last agreed with and HEAD).
#include <optional>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::git {

// Whether `id` names a commit in the repository's object database (a commit
// rebased away and pruned no longer does).
bool commit_exists(const Repository& repository, const ObjectId& id);

// The best common ancestor of two commits, as `git merge-base A B` prints it,
// or nullopt when their histories are unrelated.
std::optional<ObjectId> merge_base(const Repository& repository, const ObjectId& a, const ObjectId& b);

// Whether `ancestor` is `descendant` or one of its ancestors
// (`git merge-base --is-ancestor`).
bool is_ancestor(const Repository& repository, const ObjectId& ancestor, const ObjectId& descendant);

}  // namespace gittd::git
