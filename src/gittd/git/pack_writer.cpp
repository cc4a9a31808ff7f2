#include "gittd/git/pack_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <string>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"
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

// Hands the pack to libgit2's indexer a megabyte at a time, hashing it on the way.
class PackStream {
  public:
    explicit PackStream(git_odb* odb) {
        check_git(git_odb_write_pack(&writer_, odb, nullptr, nullptr), "cannot start writing a pack");
    }
    ~PackStream() {
        if (writer_) writer_->free(writer_);  // uncommitted: the indexer removes its temporary pack
    }
    PackStream(const PackStream&) = delete;
    PackStream& operator=(const PackStream&) = delete;

    std::string& buffer() { return buffer_; }
    void flush_if_full() {
        if (buffer_.size() >= (1u << 20)) flush();
    }
    void finish() {
        flush();
        const std::array<unsigned char, 20> trailer = hash_.finish();
        buffer_.assign(reinterpret_cast<const char*>(trailer.data()), trailer.size());
        check_git(writer_->append(writer_, buffer_.data(), buffer_.size(), &progress_), "cannot write the pack");
        buffer_.clear();
        check_git(writer_->commit(writer_, &progress_), "cannot index the pack");
    }

  private:
    void flush() {
        hash_.update(buffer_);
        check_git(writer_->append(writer_, buffer_.data(), buffer_.size(), &progress_), "cannot write the pack");
        buffer_.clear();
    }

    git_odb_writepack* writer_ = nullptr;
    git_indexer_progress progress_{};
    Sha1 hash_;
    std::string buffer_;
};

}  // namespace

void write_objects_as_pack(git_odb* odb, const std::vector<git_oid>& objects) {
    std::vector<git_oid> unique = objects;
    std::sort(unique.begin(), unique.end(), [](const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; });
    unique.erase(std::unique(unique.begin(), unique.end(),
                             [](const git_oid& a, const git_oid& b) { return git_oid_equal(&a, &b); }),
                 unique.end());
    if (unique.size() > 0xffffffffu) throw Error(ErrorCode::git, "too many objects for one pack");

    Deflater deflater;
    PackStream pack(odb);
    std::string& out = pack.buffer();
    out.append("PACK", 4);
    append_big_endian(out, 2);
    append_big_endian(out, static_cast<std::uint32_t>(unique.size()));
    for (const git_oid& oid : unique) {
        OdbObjectHandle object;
        check_git(git_odb_read(object.out(), odb, &oid), "cannot read an object to pack");
        const size_t size = git_odb_object_size(object.get());
        // zlib counts in 32 bits; records are limited far below.
        if (size > 0xffffffffu) throw Error(ErrorCode::git, "an object over 4 GiB cannot be packed here");
        append_entry_header(out, git_odb_object_type(object.get()), size);
        deflater.append(out, git_odb_object_data(object.get()), size);
        pack.flush_if_full();
    }
    pack.finish();
}

}  // namespace gittd::git
