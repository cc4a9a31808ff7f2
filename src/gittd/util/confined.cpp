#include "gittd/util/confined.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd {

namespace fs = std::filesystem;

namespace {

std::string shown(const fs::path& top, std::string_view relative) {
    return relative.empty() ? top.string() : (top / std::string(relative)).string();
}

[[noreturn]] void throw_io(const std::string& what, const std::string& path) {
    throw Error(ErrorCode::io, path + ": " + what + ": " + std::strerror(errno));
}

// Splits "a/b/c" into its non-empty components.
std::vector<std::string> components(std::string_view relative) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= relative.size()) {
        size_t end = relative.find('/', start);
        if (end == std::string_view::npos) end = relative.size();
        if (end > start) parts.emplace_back(relative.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string>& parts, size_t count) {
    std::string path;
    for (size_t i = 0; i < count; ++i) path += (i ? "/" : "") + parts[i];
    return path;
}

// Why opening `name` in `dir` with O_NOFOLLOW failed: a link is refused.
[[noreturn]] void refuse_open(int dir, const std::string& name, const fs::path& top, const std::string& relative,
                              const char* what) {
    const int saved = errno;
    struct stat info {};
    if (saved == ELOOP || (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(info.st_mode))) {
        refuse_link(top, relative);
    }
    if (saved == ENOTDIR) {
        throw Error(ErrorCode::invalid_input,
                    shown(top, relative) + ": not a folder; git-td needs a plain folder here");
    }
    errno = saved;
    throw_io(what, shown(top, relative));
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
}

void refuse_link(const fs::path& top, std::string_view relative) {
    const std::string path(relative);
    throw Error(ErrorCode::untrusted,
                shown(top, relative) +
                    ": is a symbolic link; git-td never follows links in the export tree (a "
                    "clone's tree comes from whoever can push); remove it: git rm " +
                    (path.find_first_of(" '\"$`\\") == std::string::npos ? path : "'" + path + "'"));
}

UniqueFd open_directory_in(const fs::path& top, std::string_view relative, bool create) {
    UniqueFd dir(::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir) {
        if (errno == ENOENT && !create) return {};
        throw_io("cannot open", top.string());
    }
    const std::vector<std::string> parts = components(relative);
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::string& name = parts[i];
        int fd = ::openat(dir.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT) {
            if (!create) return {};
            if (::mkdirat(dir.get(), name.c_str(), 0777) != 0 && errno != EEXIST) {
                throw_io("cannot create directory", shown(top, join(parts, i + 1)));
            }
            fd = ::openat(dir.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (fd < 0) refuse_open(dir.get(), name, top, join(parts, i + 1), "cannot open");
        dir = UniqueFd(fd);
    }
    return dir;
}

std::optional<struct stat> stat_entry_at(int dir, std::string_view name, const fs::path& top,
                                         std::string_view relative) {
    struct stat info {};
    if (::fstatat(dir, std::string(name).c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return std::nullopt;
        throw_io("cannot stat", shown(top, relative));
    }
    if (S_ISLNK(info.st_mode)) refuse_link(top, relative);
    return info;
}

std::optional<std::string> read_file_at(int dir, std::string_view name, const fs::path& top,
                                        std::string_view relative) {
    std::optional<FileRead> read = read_file_and_stat_at(dir, name, top, relative);
    if (!read) return std::nullopt;
    return std::move(read->bytes);
}

std::optional<FileRead> read_file_and_stat_at(int dir, std::string_view name, const fs::path& top,
                                              std::string_view relative) {
    const std::string entry(name);
    UniqueFd fd(::openat(dir, entry.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT) return std::nullopt;
        refuse_open(dir, entry, top, std::string(relative), "cannot open");
    }
    FileRead read;
    if (::fstat(fd.get(), &read.info) != 0) throw_io("cannot stat", shown(top, relative));
    if (!S_ISREG(read.info.st_mode)) {
        throw Error(ErrorCode::invalid_input, shown(top, relative) + ": not a plain file; remove it");
    }
    // Straight into the string, sized by the stat (one byte more, to see the
    // end in one call); a file that grows meanwhile is read to its end.
    std::string& bytes = read.bytes;
    size_t filled = 0;
    bytes.resize(static_cast<size_t>(std::max<off_t>(read.info.st_size, 0)) + 1);
    for (;;) {
        if (filled == bytes.size()) bytes.resize(bytes.size() * 2);
        const ssize_t n = ::read(fd.get(), bytes.data() + filled, bytes.size() - filled);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io("cannot read", shown(top, relative));
        }
        if (n == 0) break;
        filled += static_cast<size_t>(n);
    }
    bytes.resize(filled);
    return read;
}

namespace {
// The parent folder of top/relative (created when asked) and the file's name.
std::pair<UniqueFd, std::string> open_parent(const fs::path& top, std::string_view relative, bool create) {
    const std::vector<std::string> parts = components(relative);
    if (parts.empty()) throw Error(ErrorCode::io, top.string() + ": not a file");
    return {open_directory_in(top, join(parts, parts.size() - 1), create), parts.back()};
}
}  // namespace

std::optional<std::string> read_file_in(const fs::path& top, std::string_view relative) {
    const auto [dir, name] = open_parent(top, relative, false);
    if (!dir) return std::nullopt;
    return read_file_at(dir.get(), name, top, relative);
}

bool exists_in(const fs::path& top, std::string_view relative) {
    const auto [dir, name] = open_parent(top, relative, false);
    return dir && stat_entry_at(dir.get(), name, top, relative).has_value();
}

void write_file_in(const fs::path& top, std::string_view relative, std::string_view bytes) {
    const auto [dir, name] = open_parent(top, relative, true);
    stat_entry_at(dir.get(), name, top, relative);  // refuses a link
    TempFolder temp(top);
    const std::string temp_name = temp.write(bytes);
    const fs::path parent = fs::path(shown(top, relative)).parent_path();
    temp.move_into(temp_name, dir.get(), name, parent.string());
}

bool remove_file_in(const fs::path& top, std::string_view relative) {
    const auto [dir, name] = open_parent(top, relative, false);
    if (!dir) return false;
    if (::unlinkat(dir.get(), name.c_str(), 0) == 0) return true;
    if (errno == ENOENT) return false;
    throw_io("cannot remove", shown(top, relative));
}

}  // namespace gittd
