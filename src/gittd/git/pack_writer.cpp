#include "gittd/git/pack_writer.hpp"

#include <zlib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/git/pack_index.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/sha1.hpp"

namespace gittd::git {

namespace {

void append_big_endian(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

// An entry's header (pack format v2): the type in bits 4-6 of the first
// byte, the inflated size in its low 4 bits and then 7 bits a byte, the high
// bit saying another byte follows.
void append_entry_header(std::string& out, git_object_t type, size_t size) {
    auto byte = static_cast<unsigned char>((static_cast<unsigned>(type) << 4) | (size & 0x0f));
    size >>= 4;
    while (size != 0) {
        out.push_back(static_cast<char>(byte | 0x80));
        byte = static_cast<unsigned char>(size & 0x7f);
        size >>= 7;
    }
    out.push_back(static_cast<char>(byte));
}

// Deflates objects one after another, with one zlib stream for small
// objects and one for large, each reset between objects (a stream per
// object allocates and clears its tables every time). Small objects (the
// records, a few hundred bytes each) are stored in deflate's uncompressed
// blocks: zlib's fastest level spends 5 µs on each, 0.4 s for a first
// export of 80k records, to save a fifth of their bytes until `git gc`
// repacks them with deltas anyway. Larger objects (folder trees, long
// texts) are compressed at the fastest level, as git's loose objects are.
class Deflater {
  public:
    Deflater() {
        init(small_, Z_NO_COMPRESSION, 12, 1);
        init(large_, Z_BEST_SPEED, 15, 8);
    }
    ~Deflater() {
        deflateEnd(&small_);
        deflateEnd(&large_);
    }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    void append(std::string& out, const void* data, size_t size) {
        z_stream& stream = size <= 4096 ? small_ : large_;
        check(deflateReset(&stream));
        const size_t at = out.size();
        out.resize(at + deflateBound(&stream, static_cast<uLong>(size)));
        stream.next_in = static_cast<Bytef*>(const_cast<void*>(data));
        stream.avail_in = static_cast<uInt>(size);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + at);
        stream.avail_out = static_cast<uInt>(out.size() - at);
        if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
            throw Error(ErrorCode::git, "cannot compress an object for the pack");
        }
        out.resize(at + stream.total_out);
    }

  private:
    static void check(int rc) {
        if (rc != Z_OK) throw Error(ErrorCode::git, "cannot compress an object for the pack");
    }
    static void init(z_stream& stream, int level, int window_bits, int memory_level) {
        stream = z_stream{};
        check(deflateInit2(&stream, level, Z_DEFLATED, window_bits, memory_level, Z_DEFAULT_STRATEGY));
    }

    z_stream small_{}, large_{};
};

// The pack being written to its temporary file, a megabyte at a time,
// hashed on the way; each entry's offset is where it starts.
class PackFile {
  public:
    PackFile(int fd, std::string shown) : fd_(fd), shown_(std::move(shown)) {}

    std::uint64_t position() const { return written_ + buffer_.size(); }
    void append(std::string_view bytes) {
        buffer_.append(bytes);
        if (buffer_.size() >= (1u << 20)) flush();
    }
    // Writes the trailer (the SHA-1 of everything before it), flushes the
    // file to disk (git does for packs) and returns the trailer.
    std::array<unsigned char, 20> finish() {
        flush();
        const std::array<unsigned char, 20> trailer = hash_.finish();
        write_all(fd_, std::string_view(reinterpret_cast<const char*>(trailer.data()), trailer.size()), shown_);
        sync_to_disk(fd_, shown_);
        return trailer;
    }

  private:
    void flush() {
        hash_.update(buffer_);
        write_all(fd_, buffer_, shown_);
        written_ += buffer_.size();
        buffer_.clear();
    }

    int fd_;
    std::string shown_;
    std::uint64_t written_ = 0;
    Sha1 hash_;
    std::string buffer_;
};

// A temporary file of the pack folder, removed unless published.
class PackTemp {
  public:
    PackTemp(TempFolder& folder, mode_t mode) : folder_(folder), fd_(folder.create(name_, mode)) {}
    ~PackTemp() {
        if (!published_) folder_.remove(name_);
    }
    PackTemp(const PackTemp&) = delete;
    PackTemp& operator=(const PackTemp&) = delete;

    int fd() const { return fd_.get(); }
    std::string shown() const { return (folder_.path() / name_).string(); }
    void close() {
        if (::close(fd_.release()) != 0)
            throw Error(ErrorCode::io, shown() + ": cannot write: " + std::strerror(errno));
    }
    void publish(const std::string& final_name) {
        folder_.move_into(name_, folder_.fd(), final_name, folder_.path().string());
        published_ = true;
    }

  private:
    TempFolder& folder_;
    std::string name_;
    UniqueFd fd_;
    bool published_ = false;
};

std::string hex(const std::array<unsigned char, 20>& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char byte : bytes) {
        out.push_back(digits[byte >> 4]);
        out.push_back(digits[byte & 0x0f]);
    }
    return out;
}

}  // namespace

void write_objects_as_pack(git_odb* odb, const std::vector<git_oid>& objects,
                           const std::filesystem::path& pack_folder) {
    std::vector<git_oid> unique = objects;
    std::sort(unique.begin(), unique.end(), [](const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; });
    unique.erase(std::unique(unique.begin(), unique.end(),
                             [](const git_oid& a, const git_oid& b) { return git_oid_equal(&a, &b); }),
                 unique.end());
    if (unique.size() > 0xffffffffu) throw Error(ErrorCode::git, "too many objects for one pack");

    // Written beside the packs, as git does, under git-td's temporary names
    // (removed on an interrupt, or by the next run after a kill), and
    // renamed into place: the pack first, then its index, which is what
    // makes git and libgit2 see the pack.
    TempFolder folder(pack_folder, TempFolder::ExistingFolder{});
    PackTemp pack_temp(folder, 0444);
    PackFile pack(pack_temp.fd(), pack_temp.shown());
    std::string header("PACK", 4);
    append_big_endian(header, 2);
    append_big_endian(header, static_cast<std::uint32_t>(unique.size()));
    pack.append(header);

    Deflater deflater;
    std::vector<PackIndexEntry> index;
    index.reserve(unique.size());
    std::string entry;
    for (const git_oid& oid : unique) {
        OdbObjectHandle object;
        check_git(git_odb_read(object.out(), odb, &oid), "cannot read an object to pack");
        const size_t size = git_odb_object_size(object.get());
        // zlib counts in 32 bits; records are limited far below.
        if (size > 0xffffffffu) throw Error(ErrorCode::git, "an object over 4 GiB cannot be packed here");
        entry.clear();
        append_entry_header(entry, git_odb_object_type(object.get()), size);
        deflater.append(entry, git_odb_object_data(object.get()), size);
        PackIndexEntry& indexed = index.emplace_back();
        std::copy(std::begin(oid.id), std::begin(oid.id) + indexed.id.size(), indexed.id.begin());
        indexed.offset = pack.position();
        indexed.crc32 = static_cast<std::uint32_t>(
            crc32_z(0, reinterpret_cast<const Bytef*>(entry.data()), static_cast<z_size_t>(entry.size())));
        pack.append(entry);
    }
    const std::array<unsigned char, 20> checksum = pack.finish();
    pack_temp.close();

    PackTemp index_temp(folder, 0444);
    write_all(index_temp.fd(), build_pack_index(index, checksum), index_temp.shown());
    sync_to_disk(index_temp.fd(), index_temp.shown());
    index_temp.close();

    const std::string name = "pack-" + hex(checksum);
    const auto exists = [&folder](const std::string& file) {
        struct stat info {};
        return ::fstatat(folder.fd(), file.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
    };
    const bool had_pack = exists(name + ".pack");
    if (had_pack && exists(name + ".idx")) return;  // the same objects, packed the same way, are there already
    pack_temp.publish(name + ".pack");
    try {
        index_temp.publish(name + ".idx");
    } catch (...) {
        // A pack without its index is garbage git never removes: take back
        // what this run put there.
        if (!had_pack) ::unlinkat(folder.fd(), (name + ".pack").c_str(), 0);
        throw;
    }
    check_git(git_odb_refresh(odb), "cannot read the new pack");
}

}  // namespace gittd::git
