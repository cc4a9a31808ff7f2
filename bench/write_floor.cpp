// write_floor: the physical floor for a full export (DESIGN.md section 7).
//
//   write_floor [--rename] [--trash TRASH] DIR
//
// Reads every file under DIR into memory, deletes DIR, then times re-creating
// the same directories and writing the same bytes to the same paths with
// plain open/write(2)/close: no encoding, no temp files, no renames, no
// fsync (export does not fsync either). What is left is what the kernel and
// file system charge for the tree itself, so export time / floor time says
// how much git-td adds on top. DIR ends up byte-identical to how it started
// (file modes and mtimes are not preserved).
//
// --trash moves DIR into the directory TRASH (same file system) instead of
// deleting it; the caller deletes TRASH later. The reason is ext4: for 30 to
// 60 s after a mass delete, its inode allocator skips every recently freed
// inode one by one (ialloc.c recently_deleted()), and that scan made
// re-creating 80k files 2-10x slower, depending on how many deletions were
// that young. Neither the floor nor the export should be billed for it.
//
// --rename is a diagnostic, not the floor: each file is written under a
// temporary name and all are renamed into place at the end, the way the
// exporter stages its writes, to show what that costs by itself.
//
// Prints one line:
//   files=N dirs=N bytes=N seconds=S user=S sys=S peak_rss_kb=K
// where seconds/user/sys cover the timed write phase only.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct File {
    std::string path, bytes;
};

[[noreturn]] void die(const std::string& what, const std::string& path) {
    std::fprintf(stderr, "write_floor: %s: %s: %s\n", path.c_str(), what.c_str(), std::strerror(errno));
    std::exit(1);
}

std::string slurp(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("cannot open", path);
    struct stat st {};
    if (::fstat(fd, &st) != 0) die("cannot stat", path);
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) die("cannot read", path);
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    return bytes;
}

void spill(const std::string& path, const File& file) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die("cannot create", path);
    size_t done = 0;
    while (done < file.bytes.size()) {
        const ssize_t n = ::write(fd, file.bytes.data() + done, file.bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die("cannot write", path);
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) die("cannot close", path);
}

double seconds_of(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

}  // namespace

int main(int argc, char** argv) {
    bool rename = false;
    fs::path trash, root;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--rename") == 0)
            rename = true;
        else if (std::strcmp(argv[i], "--trash") == 0 && i + 1 < argc)
            trash = argv[++i];
        else if (root.empty() && argv[i][0] != '-')
            root = argv[i];
        else
            root.clear(), argc = 0;
    }
    if (root.empty()) {
        std::fprintf(stderr, "usage: write_floor [--rename] [--trash TRASH] DIR\n");
        return 2;
    }
    root = root.lexically_normal();
    if (root.has_filename() == false) root = root.parent_path();
    std::vector<std::string> dirs{root.string()};
    std::vector<File> files;
    size_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_directory())
            dirs.push_back(entry.path().string());
        else if (entry.is_regular_file())
            files.push_back({entry.path().string(), slurp(entry.path().string())});
    }
    // Sorted paths: parents come before children, and the write order is the
    // one the exporter uses (kind by kind, ids ascending) closely enough.
    std::sort(dirs.begin(), dirs.end());
    std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.path < b.path; });
    for (const File& file : files) total += file.bytes.size();

    if (trash.empty()) {
        fs::remove_all(root);
    } else {
        fs::create_directories(trash);
        const fs::path aside = trash / (root.filename().string() + "." + std::to_string(::getpid()));
        fs::rename(root, aside);
    }
    // Flush what came before (the export's writes, the deletion) outside the
    // timed part, as before an export into an empty tree.
    ::sync();

    rusage before{}, after{};
    ::getrusage(RUSAGE_SELF, &before);
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& dir : dirs) {
        if (::mkdir(dir.c_str(), 0755) != 0) die("cannot mkdir", dir);
    }
    for (const File& file : files) spill(rename ? file.path + ".tmp" : file.path, file);
    if (rename) {
        for (const File& file : files) {
            if (::rename((file.path + ".tmp").c_str(), file.path.c_str()) != 0) die("cannot rename", file.path);
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::getrusage(RUSAGE_SELF, &after);

    std::printf("files=%zu dirs=%zu bytes=%zu seconds=%.3f user=%.3f sys=%.3f peak_rss_kb=%ld\n", files.size(),
                dirs.size(), total, seconds, seconds_of(after.ru_utime) - seconds_of(before.ru_utime),
                seconds_of(after.ru_stime) - seconds_of(before.ru_stime), after.ru_maxrss);
    return 0;
}
