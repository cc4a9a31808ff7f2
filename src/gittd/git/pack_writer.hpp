#pragma once
// Private to src/gittd/git (takes libgit2's types). Objects written as one
// pack without a delta search, each object deflated whole (small ones in
// stored blocks, see Deflater), and its index written from what the writer
// knows (pack_index.hpp): ids it hashed, offsets and CRCs it wrote. Both
// files are flushed to disk before they are renamed into place, as git does
// for packs (a ref must never name objects a crash lost).
// libgit2's packbuilder tries deltas against ten neighbours of every object
// on one thread: seconds for the 80k small files of a first export, for a
// pack that `git gc` repacks anyway.
#include <git2.h>

#include <filesystem>
#include <vector>

namespace gittd::git {

// Reads `objects` from `odb` (duplicates are written once) and writes them
// as one new pack into `pack_folder` (the repository's objects/pack), then
// has `odb` look again. Throws Error on failure, leaving no pack behind.
void write_objects_as_pack(git_odb* odb, const std::vector<git_oid>& objects, const std::filesystem::path& pack_folder);

}  // namespace gittd::git
