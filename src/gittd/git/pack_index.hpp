#pragma once
// A pack's index (.idx, version 2), built from what the pack writer knows of
// each entry, so that a pack git-td writes needs no second pass through
// libgit2's indexer, which inflates and hashes every object again (two
// thirds of the pack's time for a first commit of 80k records). The format
// is git's Documentation/gitformat-pack.txt: header, fan-out table, sorted
// object ids, CRC-32s, 31-bit offsets with a table of 64-bit ones for
// entries beyond 2 GiB, the pack's checksum, and the index's own.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gittd::git {

struct PackIndexEntry {
    std::array<unsigned char, 20> id;  // the object's id
    std::uint32_t crc32;               // of the entry's bytes in the pack (header and deflated data)
    std::uint64_t offset;              // of the entry in the pack
};

// The index bytes of a pack whose trailer is `pack_checksum`. `entries`
// must be sorted by id, without duplicates.
std::string build_pack_index(const std::vector<PackIndexEntry>& entries,
                             const std::array<unsigned char, 20>& pack_checksum);

}  // namespace gittd::git
