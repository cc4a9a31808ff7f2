#include "gittd/db/row_fingerprints.hpp"

#include <string_view>
#include <unordered_set>

namespace gittd::db {

namespace {

// The file format (https://www.sqlite.org/fileformat2.html), the parts a
// reader of table b-trees needs.
constexpr size_t header_size = 100;
constexpr unsigned char interior_table_page = 0x05, leaf_table_page = 0x0d;

std::uint32_t big_endian(const unsigned char* bytes, size_t size) {
    std::uint32_t value = 0;
    for (size_t i = 0; i < size; ++i) value = (value << 8) | bytes[i];
    return value;
}

// Thrown (and caught below) when the file is not what the format says:
// the answer is then "cannot vouch", never a wrong fingerprint.
struct Unreadable {};

// SQLite's varint: up to nine bytes, seven bits a byte (all eight in the ninth).
std::uint64_t read_varint(std::string_view page, size_t& at) {
    std::uint64_t value = 0;
    for (int i = 0; i < 9; ++i) {
        if (at >= page.size()) throw Unreadable{};
        const auto byte = static_cast<unsigned char>(page[at++]);
        if (i == 8) return (value << 8) | byte;
        value = (value << 7) | (byte & 0x7f);
        if ((byte & 0x80) == 0) return value;
    }
    return value;
}

class Fnv64 {
  public:
    void add(std::string_view bytes) {
        for (const char c : bytes) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 1099511628211ULL;
        }
    }
    std::uint64_t value() const { return hash_; }

  private:
    std::uint64_t hash_ = 1469598103934665603ULL;
};

class FileReader {
  public:
    explicit FileReader(const Connection& connection) : connection_(connection) {
        unsigned char header[header_size];
        if (!connection_.read_main_file(header, header_size, 0)) throw Unreadable{};
        if (std::string_view(reinterpret_cast<const char*>(header), 16) != std::string_view("SQLite format 3\0", 16))
            throw Unreadable{};
        // Read and write versions 2 mean WAL: the file alone is not the database.
        if (header[18] != 1 || header[19] != 1) throw Unreadable{};
        page_size_ = big_endian(header + 16, 2);
        if (page_size_ == 1) page_size_ = 65536;
        if (page_size_ < 512 || (page_size_ & (page_size_ - 1)) != 0) throw Unreadable{};
        usable_ = page_size_ - header[20];
        if (usable_ < 480) throw Unreadable{};
        schema_cookie_ = big_endian(header + 40, 4);
        const std::optional<std::int64_t> size = connection_.main_file_size();
        if (!size || *size < 0) throw Unreadable{};
        page_count_ = static_cast<std::uint32_t>(static_cast<std::uint64_t>(*size) / page_size_);
    }
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;

    std::uint32_t schema_cookie() const { return schema_cookie_; }

    // The rows of the table b-tree rooted at `root`, hashed, in rowid order.
    std::vector<RowFingerprint> table_rows(std::uint32_t root) {
        std::vector<RowFingerprint> rows;
        walk(root, rows, 0);
        return rows;
    }

  private:
    std::string_view page(std::uint32_t number, std::string& buffer) {
        if (number == 0 || number > page_count_) throw Unreadable{};
        buffer.resize(page_size_);
        const std::int64_t offset = static_cast<std::int64_t>(number - 1) * page_size_;
        if (!connection_.read_main_file(buffer.data(), static_cast<int>(page_size_), offset)) throw Unreadable{};
        // Reserved bytes at a page's end belong to extensions, not to the b-tree.
        return std::string_view(buffer).substr(0, usable_);
    }

    void walk(std::uint32_t number, std::vector<RowFingerprint>& rows, int depth) {
        // A b-tree of 2^32 pages is at most a few dozen levels deep; a
        // page visited twice is a cycle: both mean a corrupt file.
        if (depth > 64 || !visited_.insert(number).second) throw Unreadable{};
        std::string buffer;
        const std::string_view bytes = page(number, buffer);
        const size_t start = number == 1 ? header_size : 0;
        if (bytes.size() < start + 12) throw Unreadable{};
        const auto* header = reinterpret_cast<const unsigned char*>(bytes.data() + start);
        const unsigned char type = header[0];
        const std::uint32_t cells = big_endian(header + 3, 2);
        const bool interior = type == interior_table_page;
        if (!interior && type != leaf_table_page) throw Unreadable{};
        const size_t pointers = start + (interior ? 12 : 8);
        if (pointers + 2 * static_cast<size_t>(cells) > bytes.size()) throw Unreadable{};
        for (std::uint32_t i = 0; i < cells; ++i) {
            size_t at = big_endian(
                reinterpret_cast<const unsigned char*>(bytes.data() + pointers + 2 * static_cast<size_t>(i)), 2);
            if (interior) {
                if (at + 4 > bytes.size()) throw Unreadable{};
                walk(big_endian(reinterpret_cast<const unsigned char*>(bytes.data() + at), 4), rows, depth + 1);
                continue;
            }
            const std::uint64_t payload = read_varint(bytes, at);
            const auto rowid = static_cast<std::int64_t>(read_varint(bytes, at));
            rows.push_back({rowid, hash_payload(bytes, at, payload)});
        }
        if (interior) walk(big_endian(header + 8, 4), rows, depth + 1);
    }

    // The record of a table leaf cell whose payload starts at `at`: its
    // local part, then its overflow pages (each a next-page number and
    // usable-4 bytes of payload), the split as the format defines it.
    std::uint64_t hash_payload(std::string_view leaf, size_t at, std::uint64_t payload) {
        const std::uint64_t most_local = usable_ - 35;
        std::uint64_t local = payload;
        if (payload > most_local) {
            const std::uint64_t least = ((usable_ - 12) * 32 / 255) - 23;
            const std::uint64_t k = least + ((payload - least) % (usable_ - 4));
            local = k <= most_local ? k : least;
        }
        if (at + local > leaf.size()) throw Unreadable{};
        Fnv64 hash;
        hash.add(leaf.substr(at, local));
        std::uint64_t left = payload - local;
        if (left == 0) return hash.value();
        if (at + local + 4 > leaf.size()) throw Unreadable{};
        std::uint32_t next = big_endian(reinterpret_cast<const unsigned char*>(leaf.data() + at + local), 4);
        std::string buffer;
        std::unordered_set<std::uint32_t> chain;
        while (left > 0) {
            if (!chain.insert(next).second) throw Unreadable{};
            const std::string_view overflow = page(next, buffer);
            const std::uint64_t here = std::min<std::uint64_t>(left, usable_ - 4);
            hash.add(overflow.substr(4, here));
            left -= here;
            next = big_endian(reinterpret_cast<const unsigned char*>(overflow.data()), 4);
        }
        return hash.value();
    }

    const Connection& connection_;
    std::uint32_t page_size_ = 0, usable_ = 0, page_count_ = 0, schema_cookie_ = 0;
    std::unordered_set<std::uint32_t> visited_;
};

}  // namespace

std::optional<FileFingerprints> read_row_fingerprints(const Connection& connection,
                                                      const std::vector<TableRoot>& tables) {
    try {
        FileReader reader(connection);
        FileFingerprints result;
        result.schema_cookie = reader.schema_cookie();
        for (const TableRoot& table : tables)
            result.tables.push_back({table.table, reader.table_rows(table.root_page)});
        return result;
    } catch (const Unreadable&) {
        return std::nullopt;
    }
}

}  // namespace gittd::db
