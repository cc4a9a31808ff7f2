#include "gittd/tree/file_stamp.hpp"

namespace gittd::tree {

std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return stamp_from(info);
}

FileStamp stamp_from(const struct stat& info) {
    return FileStamp{static_cast<std::int64_t>(info.st_size),
                     static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
                     static_cast<std::int64_t>(info.st_ino)};
}

}  // namespace gittd::tree
