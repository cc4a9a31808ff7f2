#include "gittd/git/pack_index.hpp"

#include "gittd/util/error.hpp"
#include "gittd/util/sha1.hpp"

namespace gittd::git {

namespace {

void append_big_endian(std::string& out, std::uint64_t value, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

}  // namespace

std::string build_pack_index(const std::vector<PackIndexEntry>& entries,
                             const std::array<unsigned char, 20>& pack_checksum) {
    if (entries.size() > 0xffffffffu) throw Error(ErrorCode::git, "too many objects for one pack index");
    std::string out;
    out.reserve(8 + 256 * 4 + entries.size() * (20 + 4 + 4) + 40);
    out.append("\377tOc", 4);
    append_big_endian(out, 2, 4);
    // fan-out[b]: how many ids start with a byte <= b.
    std::array<std::uint32_t, 256> fanout{};
    for (const PackIndexEntry& entry : entries) ++fanout[entry.id[0]];
    std::uint32_t running = 0;
    for (std::uint32_t& count : fanout) {
        running += count;
        count = running;
    }
    for (const std::uint32_t count : fanout) append_big_endian(out, count, 4);
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0 && !(entries[i - 1].id < entries[i].id))
            throw Error(ErrorCode::git, "internal error: pack index entries not sorted and unique");
        out.append(reinterpret_cast<const char*>(entries[i].id.data()), entries[i].id.size());
    }
    for (const PackIndexEntry& entry : entries) append_big_endian(out, entry.crc32, 4);
    // Offsets of 2 GiB and more go to the table after, the 31-bit field
    // naming their place there with the high bit set.
    std::vector<std::uint64_t> large;
    for (const PackIndexEntry& entry : entries) {
        if (entry.offset < 0x80000000u) {
            append_big_endian(out, entry.offset, 4);
        } else {
            append_big_endian(out, 0x80000000u | large.size(), 4);
            large.push_back(entry.offset);
        }
    }
    for (const std::uint64_t offset : large) append_big_endian(out, offset, 8);
    out.append(reinterpret_cast<const char*>(pack_checksum.data()), pack_checksum.size());
    Sha1 checksum;
    checksum.update(out);
    const std::array<unsigned char, 20> own = checksum.finish();
    out.append(reinterpret_cast<const char*>(own.data()), own.size());
    return out;
}

}  // namespace gittd::git
