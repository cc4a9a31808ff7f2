#pragma once
// Private to src/gittd/git (takes libgit2's types). Objects written as one
// pack without a delta search, each object deflated whole (small ones in
// stored blocks, see Deflater), and the pack indexed by libgit2's own
// indexer, which checks every object's id and the pack's SHA-1 trailer.
// libgit2's packbuilder tries deltas against ten neighbours of every object
// on one thread: seconds for the 80k small files of a first export, for a
// pack that `git gc` repacks anyway.
#include <git2.h>

#include <vector>

namespace gittd::git {

// Reads `objects` from `odb` (duplicates are written once) and writes them
// into `odb`'s repository as one new pack. Throws Error(git) on failure,
// leaving no pack behind.
void write_objects_as_pack(git_odb* odb, const std::vector<git_oid>& objects);

}  // namespace gittd::git
