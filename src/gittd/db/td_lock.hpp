#pragma once
// td's writer lock: an exclusive flock on .todos/db.lock, polled until a
// timeout (td waits up to 5 s), with "pid:" and "time:" lines written into the
// file as td does so a human can see who holds it. Released by the destructor.
#include <chrono>
#include <filesystem>
#include <string>

namespace gittd::db {

class TdLock {
  public:
    // Throws Error(locked) naming the lock file when the timeout passes.
    // `what` names what the lock guards in that message.
    static TdLock acquire(const std::filesystem::path& lock_path,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                          const std::string& what = "td's database");
    TdLock(TdLock&& other) noexcept;
    TdLock(const TdLock&) = delete;
    TdLock& operator=(const TdLock&) = delete;
    ~TdLock();

  private:
    explicit TdLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// The lock file beside a database: <dir of issues.db>/db.lock.
std::filesystem::path lock_path_for(const std::filesystem::path& database_path);

}  // namespace gittd::db
