#pragma once
// Files under the worktree that come from whoever can push (the export tree,
// `.gitignore`; DESIGN §3.1), reached without ever following a symbolic link:
// every path is opened from the worktree's top one component at a time with
// openat(O_NOFOLLOW | O_DIRECTORY), and the file itself with O_NOFOLLOW, so a
// link is refused wherever it sits and a component swapped for a link between
// a check and its use is refused too. The top itself is the user's (a worktree
// reached through a link of theirs is fine); only what lies under it is
// untrusted.
#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gittd {

// An open file descriptor, closed on destruction.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

  private:
    int fd_ = -1;
};

// Throws Error(untrusted) for the symbolic link at top/relative: "<path>: is a
// symbolic link; git-td never follows links … remove it: git rm <relative>".
[[noreturn]] void refuse_link(const std::filesystem::path& top, std::string_view relative);

// Opens the directory top/relative ("" is top itself), no component of
// `relative` followed if it is a link. A missing component gives an empty fd,
// unless `create`, which makes the missing folders. A link: refuse_link; a
// component that is no folder: Error(invalid_input).
UniqueFd open_directory_in(const std::filesystem::path& top, std::string_view relative, bool create = false);

// lstat of the entry `name` of the open directory `dir` (top/relative names it
// in errors): nullopt when missing, refuse_link for a link.
std::optional<struct stat> stat_entry_at(int dir, std::string_view name, const std::filesystem::path& top,
                                         std::string_view relative);

// The bytes of the entry `name` of `dir`, opened with O_NOFOLLOW, or nullopt
// when missing. A link: refuse_link.
std::optional<std::string> read_file_at(int dir, std::string_view name, const std::filesystem::path& top,
                                        std::string_view relative);

// A file's bytes with the stat of the open file they were read from: what an
// index entry for exactly these bytes must record (a stat taken later may
// already describe a newer version of the file).
struct FileRead {
    std::string bytes;
    struct stat info {};
};
std::optional<FileRead> read_file_and_stat_at(int dir, std::string_view name, const std::filesystem::path& top,
                                              std::string_view relative);

// The same for top/relative, walking every component.
std::optional<std::string> read_file_in(const std::filesystem::path& top, std::string_view relative);

// Whether top/relative exists (a link anywhere on the way is refused).
bool exists_in(const std::filesystem::path& top, std::string_view relative);

// Replaces top/relative with `bytes` atomically (a temporary in the worktree's
// temporary folder, see files.hpp, renamed into place), creating missing
// folders; a link anywhere on the way or at the target is refused.
void write_file_in(const std::filesystem::path& top, std::string_view relative, std::string_view bytes);

// Removes top/relative (never what a link points at); false when it was missing.
bool remove_file_in(const std::filesystem::path& top, std::string_view relative);

}  // namespace gittd
