#pragma once
// Lists one directory, stat'ing each entry relative to it (fstatat on the
// open directory) or not at all, without building a std::filesystem::path per
// file or walking the full path in the kernel for every stat: a no-op import
// stats 240k files, and those two costs were most of its time.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "gittd/util/error.hpp"

namespace gittd {

// Calls visit(fd, entry) for every entry of `dir` but "." and "..", `fd` being
// the open directory. Returns false when `dir` does not exist; other failures
// throw Error(io).
template <class Visit>
bool for_each_directory_entry(const std::filesystem::path& dir, Visit&& visit) {
    DIR* handle = ::opendir(dir.c_str());
    if (handle == nullptr) {
        if (errno == ENOENT || errno == ENOTDIR) return false;
        throw Error(ErrorCode::io, dir.string() + ": cannot list: " + std::strerror(errno));
    }
    struct Closer {
        DIR* handle;
        ~Closer() { ::closedir(handle); }
    } closer{handle};
    const int fd = ::dirfd(handle);
    while (const dirent* entry = ::readdir(handle)) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..") visit(fd, *entry);
    }
    return true;
}

// Calls visit(fd, entry) for every entry of the open directory `dir` (not
// closed; a duplicate is listed from its start), `shown` naming it in errors.
template <class Visit>
void for_each_entry_of(int dir, const std::string& shown, Visit&& visit) {
    const int listing = ::dup(dir);
    DIR* handle = listing < 0 ? nullptr : ::fdopendir(listing);
    if (handle == nullptr) {
        if (listing >= 0) ::close(listing);
        throw Error(ErrorCode::io, shown + ": cannot list: " + std::strerror(errno));
    }
    struct Closer {
        DIR* handle;
        ~Closer() { ::closedir(handle); }
    } closer{handle};
    ::rewinddir(handle);
    const int fd = ::dirfd(handle);
    while (const dirent* entry = ::readdir(handle)) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..") visit(fd, *entry);
    }
}

// Calls visit(name, info) for every entry of `dir` but "." and "..", with
// `info` from fstatat without following symlinks (a symlink is reported as
// one, not as its target). Returns false when `dir` does not exist; other
// failures throw Error(io).
template <class Visit>
bool scan_directory(const std::filesystem::path& dir, Visit&& visit) {
    return for_each_directory_entry(dir, [&](int fd, const dirent& entry) {
        struct stat info {};
        if (::fstatat(fd, entry.d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT) return;  // removed while we listed
            throw Error(ErrorCode::io, (dir / entry.d_name).string() + ": cannot stat: " + std::strerror(errno));
        }
        visit(std::string_view(entry.d_name), info);
    });
}

// Calls visit(name) for every regular file of `dir` (symlinks and other
// entries are skipped), from the directory listing alone: no stat unless the
// file system does not report entry types. Returns false when `dir` does not
// exist.
template <class Visit>
bool list_regular_files(const std::filesystem::path& dir, Visit&& visit) {
    return for_each_directory_entry(dir, [&](int fd, const dirent& entry) {
        bool regular = entry.d_type == DT_REG;
        if (entry.d_type == DT_UNKNOWN) {
            struct stat info {};
            regular = ::fstatat(fd, entry.d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(info.st_mode);
        }
        if (regular) visit(std::string_view(entry.d_name));
    });
}

}  // namespace gittd
