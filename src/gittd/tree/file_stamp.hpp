#pragma once
// A record file's stamp in the working tree: size, modification time and
// inode. Equal stamps mean the file was not rewritten since they were taken,
// so an unchanged file is recognised without being read (the base store keeps
// the stamp of every agreed file).
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>

namespace gittd::tree {

struct FileStamp {
    std::int64_t size = -1;
    std::int64_t mtime_ns = -1;
    std::int64_t inode = -1;
    bool operator==(const FileStamp&) const = default;
};

// The stamp of a file (not following a symlink), or nullopt when it does not exist.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);
FileStamp stamp_from(const struct stat& info);

}  // namespace gittd::tree
