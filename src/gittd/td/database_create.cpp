#include "gittd/td/database_create.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <utility>

#include "gittd/db/sqlite.hpp"
#include "gittd/db/td_lock.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::td {

namespace fs = std::filesystem;

namespace {

fs::path with_suffix(const fs::path& path, const std::string& suffix) {
    fs::path result = path;
    result += suffix;
    return result;
}

// The temporary and its rollback journal (SQLite names it <file>-journal).
void remove_temporary(const fs::path& temp) {
    std::error_code ec;
    fs::remove(temp, ec);
    fs::remove(with_suffix(temp, "-journal"), ec);
}

[[noreturn]] void refuse_existing(const fs::path& path) {
    throw Error(ErrorCode::database, path.string() +
                                         ": a td database already exists; git-td creates one only where "
                                         "there is none");
}

// Temporaries of earlier runs beside `path` (`issues.db.tmp-git-td-<pid>`
// and its journal) whose process is gone: a killed build or import.
void remove_stale_temporaries(const fs::path& path) {
    const std::string prefix = path.filename().string() + std::string(temp_file_marker);
    std::error_code ec;
    for (fs::directory_iterator it(path.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        const char* digits = name.data() + prefix.size();
        const char* digits_end = name.data() + name.size();
        pid_t pid = 0;
        const auto [rest, parsed] = std::from_chars(digits, digits_end, pid);
        if (parsed != std::errc() || (rest != digits_end && std::string_view(rest, digits_end) != "-journal")) continue;
        if (pid == ::getpid() || (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH)) {
            std::error_code ignored;
            fs::remove(it->path(), ignored);
        }
    }
}

// The directory entry of a rename or link reaches the disk.
void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    [[maybe_unused]] const int ignored = ::fsync(fd);
    ::close(fd);
}

}  // namespace

NewDatabase::NewDatabase(fs::path path)
    : path_(std::move(path)), temp_(with_suffix(path_, std::string(temp_file_marker) + std::to_string(::getpid()))) {
    const fs::path dir = path_.parent_path();
    std::error_code ec;
    if (!dir.empty()) {
        fs::create_directories(dir, ec);
        if (ec) throw Error(ErrorCode::io, dir.string() + ": cannot create directory: " + ec.message());
    }
    if (fs::exists(fs::symlink_status(path_, ec))) refuse_existing(path_);
    remove_stale_temporaries(path_);
    try {
        db::Connection connection = db::Connection::open_or_create(temp_);
        connection.exec(schema_sql());
    } catch (...) {
        remove_temporary(temp_);
        throw;
    }
}

NewDatabase::~NewDatabase() {
    if (!published_) remove_temporary(temp_);
}

void NewDatabase::publish() {
    const db::TdLock lock = db::TdLock::acquire(db::lock_path_for(path_));
    if (::link(temp_.c_str(), path_.c_str()) == 0) {
        ::unlink(temp_.c_str());
    } else if (errno == EEXIST) {
        refuse_existing(path_);
    } else if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK) {
        // A file system without hard links: td's lock keeps td's writers and
        // other git-td runs out, so the existence check cannot go stale.
        std::error_code ec;
        if (fs::exists(fs::symlink_status(path_, ec))) refuse_existing(path_);
        if (::rename(temp_.c_str(), path_.c_str()) != 0) {
            throw Error(ErrorCode::io,
                        path_.string() + ": cannot move the new database into place: " + std::strerror(errno));
        }
    } else {
        throw Error(ErrorCode::io,
                    path_.string() + ": cannot move the new database into place: " + std::strerror(errno));
    }
    published_ = true;
    // The temporary's journal is gone after its last commit; remove a leftover.
    std::error_code ec;
    fs::remove(with_suffix(temp_, "-journal"), ec);
    sync_directory(path_.parent_path().empty() ? fs::path(".") : path_.parent_path());
}

void create_database(const fs::path& path) {
    NewDatabase database(path);
    database.publish();
}

}  // namespace gittd::td
