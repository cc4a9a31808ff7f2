#include "gittd/util/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "gittd/util/error.hpp"

namespace gittd {

namespace fs = std::filesystem;

namespace {
[[noreturn]] void throw_io(const std::string& what, const fs::path& path) {
    throw Error(ErrorCode::io, path.string() + ": " + what + ": " + std::strerror(errno));
}
}  // namespace

std::optional<std::string> read_file_if_exists(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        throw_io("cannot open", path);
    }
    std::string bytes;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            ::close(fd);
            errno = saved;
            throw_io("cannot read", path);
        }
        if (n == 0) break;
        bytes.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return bytes;
}

namespace {

fs::path temp_path_for(const fs::path& path) {
    fs::path temp = path;
    temp += std::string(temp_file_marker) + std::to_string(::getpid());
    return temp;
}

// Writes `bytes` to a new file at `temp`, creating parent directories.
void write_new_file(const fs::path& temp, std::string_view bytes) {
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        std::error_code ec;
        fs::create_directories(temp.parent_path(), ec);
        if (ec) {
            throw Error(ErrorCode::io, temp.parent_path().string() + ": cannot create directory: " + ec.message());
        }
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (fd < 0) throw_io("cannot create", temp);
    const char* data = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int saved = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            errno = saved;
            throw_io("cannot write", temp);
        }
        data += n;
        left -= static_cast<size_t>(n);
    }
    if (::close(fd) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        throw_io("cannot write", temp);
    }
}

void rename_into_place(const fs::path& temp, const fs::path& path) {
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        throw_io("cannot replace", path);
    }
}

}  // namespace

void write_file_atomic(const fs::path& path, std::string_view bytes) {
    const fs::path temp = temp_path_for(path);
    write_new_file(temp, bytes);
    rename_into_place(temp, path);
}

StagedWrites::~StagedWrites() {
    for (const auto& [temp, path] : staged_) ::unlink(temp.c_str());
}

std::string StagedWrites::stage(const fs::path& path, std::string_view bytes) {
    const fs::path temp = temp_path_for(path);
    write_new_file(temp, bytes);
    staged_.emplace_back(temp.native(), path.native());
    return temp.native();
}

void StagedWrites::commit() {
    for (size_t i = 0; i < staged_.size(); ++i) {
        try {
            rename_into_place(staged_[i].first, staged_[i].second);
        } catch (...) {
            staged_.erase(staged_.begin(), staged_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            throw;
        }
    }
    staged_.clear();
}

}  // namespace gittd
