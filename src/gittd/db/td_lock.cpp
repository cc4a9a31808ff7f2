#include "gittd/db/td_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <utility>

#include "gittd/util/error.hpp"

namespace gittd::db {

TdLock TdLock::acquire(const std::filesystem::path& lock_path, std::chrono::milliseconds timeout,
                       const std::string& what) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Error(ErrorCode::io, lock_path.string() + ": cannot open td's lock file: " + std::strerror(errno));
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const int saved = errno;
            ::close(fd);
            throw Error(ErrorCode::io, lock_path.string() + ": cannot lock: " + std::strerror(saved));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd);
            throw Error(ErrorCode::locked,
                        lock_path.string() + ": " + what + " is locked by another process; retry when it finishes");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    // Holder information, informative only; the flock is what excludes.
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    const std::string info = "pid:" + std::to_string(::getpid()) + "\ntime:" + stamp + "\n";
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] ssize_t ignored = ::pwrite(fd, info.data(), info.size(), 0);
    }
    return TdLock(fd);
}

TdLock::TdLock(TdLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

TdLock::~TdLock() {
    if (fd_ >= 0) {
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
    }
}

std::filesystem::path lock_path_for(const std::filesystem::path& database_path) {
    return database_path.parent_path() / "db.lock";
}

}  // namespace gittd::db
