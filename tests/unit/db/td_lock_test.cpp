#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include "../temp_dir.hpp"
#include "gittd/db/td_lock.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

using namespace std::chrono_literals;

namespace {
// A child process that holds an exclusive flock on `path` for `hold` and then exits.
// `ready` is a pipe: the child writes a byte once it holds the lock.
pid_t hold_lock_in_child(const std::filesystem::path& path, std::chrono::milliseconds hold, const int ready[2]) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
        ::flock(fd, LOCK_EX);
        [[maybe_unused]] ssize_t n = ::write(ready[1], "x", 1);
        ::usleep(static_cast<useconds_t>(hold.count() * 1000));
        ::_exit(0);
    }
    char byte;
    [[maybe_unused]] ssize_t n = ::read(ready[0], &byte, 1);
    return pid;
}
}  // namespace

TEST_CASE("the lock records pid and time the way td does, and is released on destruction") {
    TempDir dir;
    const auto path = dir.path() / "db.lock";
    {
        auto lock = gittd::db::TdLock::acquire(path, 100ms);
        const std::string text = *gittd::read_file_if_exists(path);
        CHECK(text.rfind("pid:" + std::to_string(::getpid()) + "\ntime:", 0) == 0);
        const int fd = ::open(path.c_str(), O_RDWR);
        CHECK(::flock(fd, LOCK_EX | LOCK_NB) != 0);  // held
        ::close(fd);
    }
    const int fd = ::open(path.c_str(), O_RDWR);
    CHECK(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // released
    ::close(fd);
}

TEST_CASE("a lock held by another process past the timeout is a clear 'locked' error") {
    TempDir dir;
    const auto path = dir.path() / "db.lock";
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = hold_lock_in_child(path, 1500ms, fds);
    try {
        gittd::db::TdLock::acquire(path, 200ms);
        FAIL("took a lock another process holds");
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::locked);
        CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
    }
    ::waitpid(child, nullptr, 0);
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST_CASE("a waiting writer gets the lock once the other process lets go") {
    TempDir dir;
    const auto path = dir.path() / "db.lock";
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = hold_lock_in_child(path, 300ms, fds);
    CHECK_NOTHROW(gittd::db::TdLock::acquire(path, 5000ms));
    ::waitpid(child, nullptr, 0);
    ::close(fds[0]);
    ::close(fds[1]);
}
