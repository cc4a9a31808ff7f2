#pragma once
// Whole-file I/O with the guarantees export and import rely on, and the rule
// for temporary files: where they live, what they are called, and that they
// are removed on every way out, interrupts included (DESIGN §3.1).
#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/util/confined.hpp"

namespace gittd {

// Temporary files of writes into the worktree live in `<worktree>/.todos/.git/`
// and are renamed into place from there. git never lists, adds or commits a
// path with a `.git` component, whatever the clone's ignore rules say, so no
// `git add -A` (the pre-commit hook's) can pick one up; and the folder sits
// on the export tree's file system, so the rename is atomic (docs/decisions.md 58).
inline constexpr std::string_view temp_folder = ".todos/.git";
// Temporary files are named `tmp-git-td-<pid>-<n>`; git-td before issue 9 wrote
// `<target>.tmp-git-td-<pid>` beside the target, which is recognised too.
inline constexpr std::string_view temp_file_marker = "tmp-git-td-";
inline bool is_temp_file_name(std::string_view name) { return name.find(temp_file_marker) != std::string_view::npos; }
// The process id a temporary file's name carries, if it is one.
std::optional<pid_t> temp_file_pid(std::string_view name);
// A temporary file of a process that no longer runs (killed with -9, or a
// crash): nothing will ever rename or remove it but the next run.
bool is_stale_temp_file(std::string_view name);

// The bytes of a file (following links: for files that are the user's, never
// for the export tree, see confined.hpp), or nullopt when it does not exist.
// Other failures throw.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

// Writes to a temporary file in the same directory and renames it over `path`,
// so a reader or a crash sees the old bytes or the new ones, never a mix.
// Parent directories are created. For files outside the export tree and
// `.gitignore` (hooks, schemas, the merge driver's %A); those go through
// write_file_in. The temporary is removed on an interrupt. No fsync: the export
// tree is regenerated from the database, so durability across power loss is
// not worth 240k fsyncs.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// Removes the temporaries of dead processes from the worktree's temporary
// folder (if it exists): what kill -9 left behind.
void remove_stale_temp_files(const std::filesystem::path& top);

// Writes all of `bytes` to `fd` (retrying short writes); `shown` names the file in errors.
void write_all(int fd, std::string_view bytes, const std::string& shown);
// fsync(2), retried on EINTR; throws naming `shown`.
void sync_to_disk(int fd, const std::string& shown);

// The worktree's temporary folder, open: creating it removes the stale
// temporaries found there, and while it lives an interrupt (SIGINT, SIGTERM,
// SIGHUP) removes this process's temporaries in it before the signal takes
// its usual course.
class TempFolder {
  public:
    explicit TempFolder(const std::filesystem::path& top);
    // A folder that is not git-td's (git's objects/pack, where a pack must be
    // written to be renamed into place): created if missing, never removed.
    struct ExistingFolder {};
    TempFolder(const std::filesystem::path& folder, ExistingFolder);
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    // Writes a new temporary file; returns its name in the folder.
    std::string write(std::string_view bytes);
    // A new empty temporary file, open for writing; its name goes to `name`.
    UniqueFd create(std::string& name, mode_t mode = 0644);
    // The temporary's stat (rename keeps inode, size and mtime).
    struct stat stat_of(const std::string& name) const;
    // Renames the temporary `name` to the entry `target` of the open directory
    // `dir` (`shown` names it in errors); the temporary is removed on failure.
    void move_into(const std::string& name, int dir, std::string_view target, const std::string& shown);
    void remove(const std::string& name) const;
    const std::filesystem::path& path() const { return path_; }
    int fd() const { return dir_.get(); }

  private:
    std::filesystem::path path_;
    UniqueFd dir_;
    int slot_ = -1;
    bool owns_folder_ = true;
};

// While one lives, SIGINT, SIGTERM and SIGHUP are held rather than acted on:
// a write that cannot be undone by removing temporaries (a file created in
// place, tree/new_files_journal.hpp) stops at the next check instead,
// undoes itself on the way out, and the signal takes its usual course when
// the last deferral ends. Nests; single process-wide state.
class InterruptDeferral {
  public:
    InterruptDeferral();
    ~InterruptDeferral();
    InterruptDeferral(const InterruptDeferral&) = delete;
    InterruptDeferral& operator=(const InterruptDeferral&) = delete;
};
// Throws Error(io, "interrupted") when a held signal is waiting: called
// between writes, where stopping leaves nothing half done.
void throw_if_interrupted();

// A batch of file replacements that lands all together or not at all (short
// of a crash between renames): stage() writes each new file to the temporary
// folder, commit() renames them into place, and a batch destroyed without
// commit() removes its temporaries. Export uses it so that a record that fails
// to convert half-way leaves the tree exactly as it was.
class StagedWrites {
  public:
    explicit StagedWrites(TempFolder& temp) : temp_(temp) {}
    StagedWrites(const StagedWrites&) = delete;
    StagedWrites& operator=(const StagedWrites&) = delete;
    ~StagedWrites();

    // Stages `bytes` as the entry `name` of the open directory `dir`; `dir`
    // and `shown` (the directory's path, for errors) must outlive the batch. Returns the temporary's stat: rename keeps
    // its inode, size and mtime, so it is the final file's.
    struct stat stage(int dir, std::string_view name, std::string_view bytes, const std::string& shown);
    void commit();
    size_t size() const { return staged_.size(); }

  private:
    struct Staged {
        int dir;
        std::string temp;
        std::string name;
        const std::string* shown;
    };
    TempFolder& temp_;
    // Plain strings, not std::filesystem::path: libstdc++'s path keeps a parsed
    // copy of every component, about 1 KB per path, which made a 240k-file
    // export hold half a gigabyte of names.
    std::vector<Staged> staged_;
};

}  // namespace gittd
