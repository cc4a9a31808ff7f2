#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gittd/git/pack_index.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/sha1.hpp"

using gittd::git::build_pack_index;
using gittd::git::PackIndexEntry;

namespace {

std::uint64_t big_endian(const std::string& bytes, size_t at, int width) {
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)]);
    return value;
}

PackIndexEntry entry(unsigned char first, unsigned char last, std::uint32_t crc, std::uint64_t offset) {
    PackIndexEntry made{};
    made.id.fill(0x11);
    made.id.front() = first;
    made.id.back() = last;
    made.crc32 = crc;
    made.offset = offset;
    return made;
}

}  // namespace

// The layout of Documentation/gitformat-pack.txt, read back field by field;
// git verify-pack checks real packs (commit_writer_test, the e2e tests), but
// no test pack reaches the 2 GiB where the 64-bit offset table starts.
TEST_CASE("a pack index has git's v2 layout, with offsets past 2 GiB in the 64-bit table") {
    const std::vector<PackIndexEntry> entries = {entry(0x00, 1, 0xdeadbeef, 12), entry(0x00, 2, 7, 0x7fffffff),
                                                 entry(0x7f, 0, 8, 0x80000000ull), entry(0xff, 9, 9, 0x123456789ull)};
    std::array<unsigned char, 20> pack_checksum{};
    pack_checksum.fill(0xab);
    const std::string index = build_pack_index(entries, pack_checksum);

    const size_t n = entries.size();
    REQUIRE(index.size() == 8 + 256 * 4 + n * 20 + n * 4 + n * 4 + 2 * 8 + 20 + 20);
    CHECK(index.substr(0, 4) == std::string("\377tOc", 4));
    CHECK(big_endian(index, 4, 4) == 2);
    // Fan-out: ids starting with a byte <= b.
    CHECK(big_endian(index, 8 + 0x00 * 4, 4) == 2);
    CHECK(big_endian(index, 8 + 0x7e * 4, 4) == 2);
    CHECK(big_endian(index, 8 + 0x7f * 4, 4) == 3);
    CHECK(big_endian(index, 8 + 0xfe * 4, 4) == 3);
    CHECK(big_endian(index, 8 + 0xff * 4, 4) == 4);
    const size_t ids = 8 + 256 * 4, crcs = ids + n * 20, offsets = crcs + n * 4, large = offsets + n * 4;
    for (size_t i = 0; i < n; ++i) {
        CHECK(index.compare(ids + i * 20, 20, reinterpret_cast<const char*>(entries[i].id.data()), 20) == 0);
        CHECK(big_endian(index, crcs + i * 4, 4) == entries[i].crc32);
    }
    CHECK(big_endian(index, offsets + 0, 4) == 12);
    CHECK(big_endian(index, offsets + 4, 4) == 0x7fffffff);
    CHECK(big_endian(index, offsets + 8, 4) == 0x80000000u);  // the first of the 64-bit table
    CHECK(big_endian(index, offsets + 12, 4) == 0x80000001u);
    CHECK(big_endian(index, large, 8) == 0x80000000ull);
    CHECK(big_endian(index, large + 8, 8) == 0x123456789ull);
    CHECK(index.compare(large + 16, 20, reinterpret_cast<const char*>(pack_checksum.data()), 20) == 0);
    // The index's own checksum: the SHA-1 of everything before it.
    gittd::Sha1 own;
    own.update(std::string_view(index).substr(0, index.size() - 20));
    const std::array<unsigned char, 20> expected = own.finish();
    CHECK(index.compare(index.size() - 20, 20, reinterpret_cast<const char*>(expected.data()), 20) == 0);
}

TEST_CASE("a pack index refuses entries out of order or repeated") {
    const std::array<unsigned char, 20> checksum{};
    CHECK_THROWS_AS(build_pack_index({entry(0x10, 0, 0, 12), entry(0x01, 0, 0, 40)}, checksum), gittd::Error);
    CHECK_THROWS_AS(build_pack_index({entry(0x10, 0, 0, 12), entry(0x10, 0, 0, 40)}, checksum), gittd::Error);
    CHECK(build_pack_index({}, checksum).size() == 8 + 256 * 4 + 40);
}
