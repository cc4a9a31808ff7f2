#include "gittd/util/process.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

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

// Forks and runs argv in `directory` with `stdin_fd` (-1: inherited) as stdin; waits.
int spawn_and_wait(const std::vector<std::string>& argv, const fs::path& directory, int stdin_fd) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw Error(ErrorCode::io, "cannot start " + argv.front() + ": " + std::strerror(errno));
    if (pid == 0) {
        if (stdin_fd >= 0 && ::dup2(stdin_fd, 0) < 0) _exit(127);
        if (::chdir(directory.c_str()) != 0) _exit(127);
        ::execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw Error(ErrorCode::io, "cannot wait for " + argv.front() + ": " + std::strerror(errno));
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

int run_program(const std::vector<std::string>& argv, const fs::path& directory) {
    return spawn_and_wait(argv, directory, -1);
}

int run_program_with_input(const std::vector<std::string>& argv, const fs::path& directory, std::string_view input) {
    const int fd = ::memfd_create("git-td-input", MFD_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::io, "cannot hold the input of " + argv.front() + ": " + std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    for (size_t done = 0; done < input.size();) {
        const ssize_t n = ::write(fd, input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw Error(ErrorCode::io, "cannot hold the input of " + argv.front() + ": " + std::strerror(errno));
        done += static_cast<size_t>(n);
    }
    if (::lseek(fd, 0, SEEK_SET) != 0) {
        throw Error(ErrorCode::io, "cannot hold the input of " + argv.front() + ": " + std::strerror(errno));
    }
    return spawn_and_wait(argv, directory, fd);
}

std::optional<std::string> program_output(const std::vector<std::string>& argv, const fs::path& directory) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        return std::nullopt;
    }
    if (pid == 0) {
        const int null_fd = ::open("/dev/null", O_RDWR);
        if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(null_fd, 2) < 0 || ::dup2(pipe_fds[1], 1) < 0) _exit(127);
        if (::chdir(directory.c_str()) != 0) _exit(127);
        ::execvp(args[0], args.data());
        _exit(127);
    }
    ::close(pipe_fds[1]);
    std::string output;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
        if (n > 0) {
            output.append(buffer, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return std::nullopt;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    return output;
}

}  // namespace gittd
