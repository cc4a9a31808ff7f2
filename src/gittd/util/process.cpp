#include "gittd/util/process.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "gittd/util/error.hpp"

namespace gittd {

namespace fs = std::filesystem;

namespace {
bool is_executable_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}
}  // namespace

std::optional<fs::path> self_executable() {
    std::error_code ec;
    fs::path path = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    return path;
}

std::optional<fs::path> find_program(const std::string& name) {
    if (name.empty()) return std::nullopt;
    if (name.find('/') != std::string::npos) {
        return is_executable_file(name) ? std::optional<fs::path>(name) : std::nullopt;
    }
    const char* path_env = std::getenv("PATH");
    const std::string search = path_env ? path_env : "";
    size_t start = 0;
    for (;;) {
        const size_t end = search.find(':', start);
        std::string dir = search.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (dir.empty()) dir = ".";  // an empty PATH entry is the current directory, as in sh
        const fs::path candidate = fs::path(dir) / name;
        if (is_executable_file(candidate)) return candidate;
        if (end == std::string::npos) return std::nullopt;
        start = end + 1;
    }
}

std::string shell_quote(std::string_view word) {
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789_-./+,:@=") == std::string_view::npos;
    if (plain) return std::string(word);
    std::string quoted = "'";
    for (char c : word) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

namespace {

// Where the child's stdin, stdout and stderr go: a descriptor, or -1 for the
// parent's own.
struct ChildIo {
    int in = -1;
    int out = -1;
    int err = -1;
};

// Forks and runs argv in `directory` with `io`; returns the child's pid.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& directory, const ChildIo& io) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw Error(ErrorCode::io, "cannot start " + argv.front() + ": " + std::strerror(errno));
    if (pid == 0) {
        if ((io.in >= 0 && ::dup2(io.in, 0) < 0) || (io.out >= 0 && ::dup2(io.out, 1) < 0) ||
            (io.err >= 0 && ::dup2(io.err, 2) < 0)) {
            _exit(127);
        }
        if (::chdir(directory.c_str()) != 0) _exit(127);
        ::execvp(args[0], args.data());
        _exit(127);
    }
    return pid;
}

// Its exit status, 128 + signal when killed, or -1 when it cannot be waited for.
int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int spawn_and_wait(const std::vector<std::string>& argv, const fs::path& directory, int stdin_fd) {
    const int status = wait_for(spawn(argv, directory, {stdin_fd, -1, -1}));
    if (status < 0) throw Error(ErrorCode::io, "cannot wait for " + argv.front() + ": " + std::strerror(errno));
    return status;
}

// A descriptor closed however the caller leaves.
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int value) : fd(value) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int release() { return std::exchange(fd, -1); }
};

// `input` in an anonymous file, read from its start: a child that stops
// reading early cannot block this process or kill it with SIGPIPE.
int input_file(const std::string& program, std::string_view input) {
    const int fd = ::memfd_create("git-td-input", MFD_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::io, "cannot hold the input of " + program + ": " + std::strerror(errno));
    Fd owner(fd);
    for (size_t done = 0; done < input.size();) {
        const ssize_t n = ::write(fd, input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw Error(ErrorCode::io, "cannot hold the input of " + program + ": " + std::strerror(errno));
        done += static_cast<size_t>(n);
    }
    if (::lseek(fd, 0, SEEK_SET) != 0) {
        throw Error(ErrorCode::io, "cannot hold the input of " + program + ": " + std::strerror(errno));
    }
    return owner.release();
}

// Runs argv with `io.in`/`io.err`, its stdout on a pipe; what it wrote when it
// exits 0, else nullopt.
std::optional<std::string> captured_output(const std::vector<std::string>& argv, const fs::path& directory,
                                           ChildIo io) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
    Fd read_end(pipe_fds[0]);
    pid_t pid = -1;
    {
        const Fd write_end(pipe_fds[1]);
        io.out = write_end.fd;
        try {
            pid = spawn(argv, directory, io);
        } catch (const Error&) {
            return std::nullopt;
        }
    }
    std::string output;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(read_end.fd, buffer, sizeof buffer);
        if (n > 0) {
            output.append(buffer, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    if (wait_for(pid) != 0) return std::nullopt;
    return output;
}

}  // namespace

int run_program(const std::vector<std::string>& argv, const fs::path& directory) {
    return spawn_and_wait(argv, directory, -1);
}

int run_program_with_input(const std::vector<std::string>& argv, const fs::path& directory, std::string_view input) {
    const Fd in(input_file(argv.front(), input));
    return spawn_and_wait(argv, directory, in.fd);
}

std::optional<std::string> program_output(const std::vector<std::string>& argv, const fs::path& directory) {
    const Fd null_fd(::open("/dev/null", O_RDWR | O_CLOEXEC));
    if (null_fd.fd < 0) return std::nullopt;
    return captured_output(argv, directory, {null_fd.fd, -1, null_fd.fd});
}

std::optional<std::string> program_output_with_input(const std::vector<std::string>& argv, const fs::path& directory,
                                                     std::string_view input) {
    const Fd in(input_file(argv.front(), input));
    return captured_output(argv, directory, {in.fd, -1, -1});
}

}  // namespace gittd
