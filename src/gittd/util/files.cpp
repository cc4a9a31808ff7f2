#include "gittd/util/files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "gittd/util/error.hpp"

namespace gittd {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_io(const std::string& what, const std::string& path) {
    throw Error(ErrorCode::io, path + ": " + what + ": " + std::strerror(errno));
}

// --- removal on interrupt ---------------------------------------------------
//
// The handler may only make async-signal-safe calls, so everything it needs is
// prepared before: the open temporary folders (fds in fixed slots), the names
// of single temporaries beside their targets (fixed buffers), and this
// process's name prefix. It lists each folder with the raw getdents64 system
// call (no allocation), unlinks this process's temporaries, then restores the
// default action and raises the signal again, so the exit status still says
// "killed by SIGTERM".

constexpr int max_folders = 8;
constexpr int max_files = 8;
constexpr size_t max_path = 4096;
constexpr int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};

std::atomic<int> folder_fds[max_folders] = {-1, -1, -1, -1, -1, -1, -1, -1};
std::atomic<bool> file_used[max_files] = {};
char file_paths[max_files][max_path];
char own_prefix[64];
size_t own_prefix_size = 0;

struct Dirent64 {
    ino64_t d_ino;
    off64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[1];
};

bool has_own_prefix(const char* name) { return std::strncmp(name, own_prefix, own_prefix_size) == 0; }

void remove_own_temporaries(int fd) {
    alignas(8) static char buffer[16384];
    // Unlinking while listing may hide entries from the same pass: list again
    // until a pass removes nothing.
    for (int pass = 0; pass < 8; ++pass) {
        if (::lseek(fd, 0, SEEK_SET) != 0) return;
        bool removed = false;
        for (;;) {
            const long n = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
            if (n <= 0) break;
            for (long offset = 0; offset < n;) {
                const auto* entry = reinterpret_cast<const Dirent64*>(buffer + offset);
                if (has_own_prefix(entry->d_name) && ::unlinkat(fd, entry->d_name, 0) == 0) removed = true;
                offset += entry->d_reclen;
            }
        }
        if (!removed) return;
    }
}

// InterruptDeferral's state: how many live, and the signal held meanwhile.
std::atomic<int> deferrals{0};
std::atomic<int> held_signal{0};

void clean_up_and_raise(int signal_number) {
    const int saved = errno;
    for (auto& slot : folder_fds) {
        const int fd = slot.load();
        if (fd >= 0) remove_own_temporaries(fd);
    }
    for (int i = 0; i < max_files; ++i) {
        if (file_used[i].load()) ::unlink(file_paths[i]);
    }
    errno = saved;
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

extern "C" void on_interrupt(int signal_number) {
    // Held while a deferral lives; a second signal meanwhile is someone who
    // really wants out: the next run mends what is left half done.
    if (deferrals.load() > 0) {
        int none = 0;
        if (held_signal.compare_exchange_strong(none, signal_number)) return;
    }
    // Two signals may arrive on two threads (a merge runs on several): one
    // cleans up and ends the process, the other waits for that.
    static std::atomic<bool> cleaning{false};
    if (cleaning.exchange(true)) {
        for (;;) ::pause();
    }
    clean_up_and_raise(signal_number);
}

std::string own_name_prefix() { return std::string(temp_file_marker) + std::to_string(::getpid()) + "-"; }

// Called before each temporary is registered (a few system calls): a fork
// gets its own name prefix, and a handler is installed wherever the action is
// still the default (an ignored signal, nohup's, stays ignored; another
// handler is the embedder's).
void install_interrupt_cleanup() {
    static pid_t prefix_pid = 0;
    if (prefix_pid != ::getpid()) {
        const std::string prefix = own_name_prefix();
        own_prefix_size = 0;
        std::memcpy(own_prefix, prefix.c_str(), prefix.size() + 1);
        own_prefix_size = prefix.size();
        prefix_pid = ::getpid();
    }
    for (const int signal_number : cleanup_signals) {
        struct sigaction current {};
        if (::sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        // A held signal returns from the handler: system calls go on.
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        for (const int other : cleanup_signals) sigaddset(&action.sa_mask, other);
        ::sigaction(signal_number, &action, nullptr);
    }
}

}  // namespace

InterruptDeferral::InterruptDeferral() {
    install_interrupt_cleanup();
    ++deferrals;
}

InterruptDeferral::~InterruptDeferral() {
    if (--deferrals > 0) return;
    const int signal_number = held_signal.exchange(0);
    if (signal_number != 0) clean_up_and_raise(signal_number);
}

void throw_if_interrupted() {
    if (held_signal.load() != 0) throw Error(ErrorCode::io, "interrupted");
}

namespace {

int register_folder(int fd) {
    install_interrupt_cleanup();
    for (int i = 0; i < max_folders; ++i) {
        int expected = -1;
        if (folder_fds[i].compare_exchange_strong(expected, fd)) return i;
    }
    return -1;  // more than max_folders at once: still removed by the next run
}

// Registers one temporary beside its target; unregisters on destruction.
class RegisteredFile {
  public:
    explicit RegisteredFile(const std::string& path) {
        install_interrupt_cleanup();
        if (path.size() >= max_path) return;
        // git-td is single-threaded: a slot is claimed by writing its path, then its flag.
        for (int i = 0; i < max_files; ++i) {
            if (file_used[i].load()) continue;
            std::memcpy(file_paths[i], path.c_str(), path.size() + 1);
            file_used[i].store(true);
            slot_ = i;
            return;
        }
    }
    ~RegisteredFile() {
        if (slot_ >= 0) file_used[slot_].store(false);
    }
    RegisteredFile(const RegisteredFile&) = delete;
    RegisteredFile& operator=(const RegisteredFile&) = delete;

  private:
    int slot_ = -1;
};

}  // namespace

void write_all(int fd, std::string_view bytes, const std::string& shown) {
    const char* data = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io("cannot write", shown);
        }
        data += n;
        left -= static_cast<size_t>(n);
    }
}

void sync_to_disk(int fd, const std::string& shown) {
    while (::fsync(fd) != 0) {
        if (errno != EINTR) throw_io("cannot flush to disk", shown);
    }
}

std::optional<pid_t> temp_file_pid(std::string_view name) {
    const size_t at = name.find(temp_file_marker);
    if (at == std::string_view::npos) return std::nullopt;
    const std::string_view rest = name.substr(at + temp_file_marker.size());
    pid_t pid = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (error != std::errc() || end == rest.data() || pid <= 0) return std::nullopt;
    if (end != rest.data() + rest.size() && *end != '-') return std::nullopt;
    return pid;
}

bool is_stale_temp_file(std::string_view name) {
    const std::optional<pid_t> pid = temp_file_pid(name);
    if (!pid || *pid == ::getpid()) return false;
    return ::kill(*pid, 0) != 0 && errno == ESRCH;
}

std::optional<std::string> read_file_if_exists(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        throw_io("cannot open", path.string());
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
            throw_io("cannot read", path.string());
        }
        if (n == 0) break;
        bytes.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return bytes;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
    fs::path temp_path = path;
    temp_path += "." + own_name_prefix() + "0";
    const std::string temp = temp_path.native();
    const RegisteredFile registered(temp);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) throw Error(ErrorCode::io, path.parent_path().string() + ": cannot create directory: " + ec.message());
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    }
    if (fd < 0) throw_io("cannot create", temp);
    try {
        write_all(fd, bytes, temp);
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    if (::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        throw_io("cannot replace", path.string());
    }
}

// --- the temporary folder ---------------------------------------------------

namespace {
// Removes the temporaries of dead processes in `dir`; with `min_age_seconds`,
// only those not modified for that long (a folder other hosts may share).
void remove_stale_in(int dir, long min_age_seconds = 0) {
    const int listing = ::dup(dir);
    if (listing < 0) return;
    DIR* handle = ::fdopendir(listing);
    if (handle == nullptr) {
        ::close(listing);
        return;
    }
    std::vector<std::string> stale;
    while (const dirent* entry = ::readdir(handle)) {
        if (is_stale_temp_file(entry->d_name)) stale.emplace_back(entry->d_name);
    }
    ::closedir(handle);
    const auto now = static_cast<long>(::time(nullptr));
    for (const std::string& name : stale) {
        struct stat info {};
        if (min_age_seconds > 0 &&
            (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || now - info.st_mtime < min_age_seconds))
            continue;
        ::unlinkat(dir, name.c_str(), 0);
    }
}

// Names of temporaries, unique in the process (several TempFolders may
// share a folder, one after another or at once).
std::atomic<size_t> next_temp_number{0};
}  // namespace

void remove_stale_temp_files(const fs::path& top) {
    const UniqueFd dir = open_directory_in(top, temp_folder);
    if (dir) remove_stale_in(dir.get());
}

TempFolder::TempFolder(const fs::path& top)
    : path_(top / temp_folder), dir_(open_directory_in(top, temp_folder, true)) {
    // Stale temporaries of dead processes (kill -9): nothing else removes them.
    remove_stale_in(dir_.get());
    slot_ = register_folder(dir_.get());
}

TempFolder::TempFolder(const fs::path& folder, ExistingFolder)
    : path_(folder), dir_(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)), owns_folder_(false) {
    if (!dir_ && errno == ENOENT && ::mkdir(folder.c_str(), 0777) == 0)
        dir_ = UniqueFd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir_) throw_io("cannot open", folder.string());
    // Another host may share this folder (a repository on NFS): a process
    // this one cannot see is not dead, so its temporaries must be old too.
    constexpr long an_hour = 3600;
    remove_stale_in(dir_.get(), an_hour);
    slot_ = register_folder(dir_.get());
}

TempFolder::~TempFolder() {
    if (slot_ >= 0) folder_fds[slot_].store(-1);
    // Leave no empty folder in td's .todos/ (rmdir refuses a folder in use by
    // another run, and never follows a link).
    if (owns_folder_) ::rmdir(path_.c_str());
}

UniqueFd TempFolder::create(std::string& name, mode_t mode) {
    name = own_name_prefix() + std::to_string(next_temp_number++);
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    UniqueFd fd(::openat(dir_.get(), name.c_str(), flags, mode));
    if (!fd && errno == EEXIST) {
        // This process never made that name: it is a dead process's that
        // had this pid (a container restarted, pids counted from 1 again).
        ::unlinkat(dir_.get(), name.c_str(), 0);
        fd = UniqueFd(::openat(dir_.get(), name.c_str(), flags, mode));
    }
    if (!fd) throw_io("cannot create", (path_ / name).string());
    return fd;
}

std::string TempFolder::write(std::string_view bytes) {
    std::string name = own_name_prefix() + std::to_string(next_temp_number++);
    const int fd = ::openat(dir_.get(), name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) throw_io("cannot create", (path_ / name).string());
    try {
        write_all(fd, bytes, (path_ / name).string());
    } catch (...) {
        ::close(fd);
        remove(name);
        throw;
    }
    if (::close(fd) != 0) {
        const int saved = errno;
        remove(name);
        errno = saved;
        throw_io("cannot write", (path_ / name).string());
    }
    return name;
}

struct stat TempFolder::stat_of(const std::string& name) const {
    struct stat info {};
    if (::fstatat(dir_.get(), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        throw_io("cannot stat", (path_ / name).string());
    }
    return info;
}

void TempFolder::move_into(const std::string& name, int dir, std::string_view target, const std::string& shown) {
    const std::string target_name(target);
    if (::renameat(dir_.get(), name.c_str(), dir, target_name.c_str()) == 0) return;
    const int saved = errno;
    remove(name);
    errno = saved;
    if (saved == EXDEV) {
        throw Error(ErrorCode::io, shown + "/" + target_name + ": cannot replace: " + path_.string() +
                                       " is on another file system; git-td renames its temporary files into "
                                       "place, so .todos/ must be one file system (no mount point inside it)");
    }
    throw_io("cannot replace", shown + "/" + target_name);
}

void TempFolder::remove(const std::string& name) const { ::unlinkat(dir_.get(), name.c_str(), 0); }

// --- batches ------------------------------------------------------------------

StagedWrites::~StagedWrites() {
    for (const Staged& staged : staged_) temp_.remove(staged.temp);
}

struct stat StagedWrites::stage(int dir, std::string_view name, std::string_view bytes, const std::string& shown) {
    std::string temp = temp_.write(bytes);
    staged_.push_back({dir, std::move(temp), std::string(name), &shown});
    return temp_.stat_of(staged_.back().temp);
}

void StagedWrites::commit() {
    for (size_t i = 0; i < staged_.size(); ++i) {
        try {
            temp_.move_into(staged_[i].temp, staged_[i].dir, staged_[i].name, *staged_[i].shown);
        } catch (...) {
            staged_.erase(staged_.begin(), staged_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            throw;
        }
    }
    staged_.clear();
}

}  // namespace gittd
