#pragma once
// Whole-file I/O with the guarantees export and import rely on.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gittd {

// Temporary files of write_file_atomic and StagedWrites are named
// `<target><temp_file_marker><pid>`, beside their target.
inline constexpr std::string_view temp_file_marker = ".tmp-git-td-";
inline bool is_temp_file_name(std::string_view name) { return name.find(temp_file_marker) != std::string_view::npos; }

// The file's bytes, or nullopt when it does not exist. Other failures throw.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

// Writes to a temporary file in the same directory and renames it over `path`,
// so a reader or a crash sees the old bytes or the new ones, never a mix.
// Parent directories are created. No fsync: the export tree is regenerated
// from the database, so durability across power loss is not worth 240k fsyncs.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// A batch of file replacements that lands all together or not at all (short
// of a crash between renames): stage() writes each new file beside its target
// under a temporary name, commit() renames them into place, and a batch
// destroyed without commit() removes its temporaries. Export uses it so that a
// record that fails to convert half-way leaves the tree exactly as it was.
class StagedWrites {
  public:
    StagedWrites() = default;
    StagedWrites(const StagedWrites&) = delete;
    StagedWrites& operator=(const StagedWrites&) = delete;
    ~StagedWrites();

    // Returns the temporary file: rename keeps its inode, size and mtime, so its
    // stat is the final file's.
    std::string stage(const std::filesystem::path& path, std::string_view bytes);
    void commit();
    size_t size() const { return staged_.size(); }

  private:
    // Plain strings, not std::filesystem::path: libstdc++'s path keeps a parsed
    // copy of every component, about 1 KB per path, which made a 240k-file
    // export hold half a gigabyte of names.
    std::vector<std::pair<std::string, std::string>> staged_;  // temp, final
};

}  // namespace gittd
