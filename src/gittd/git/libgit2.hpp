#pragma once
#include <cstddef>
#include <string>

namespace gittd::git {

// Initialises libgit2 once per process (and shuts it down at exit). Needed by
// everything that touches a repository, the object database or the network.
void ensure_libgit2();

// Whether this libgit2 was built for threads (Debian's is). Without, its
// error state is global, and git-td does everything on one thread.
bool libgit2_works_in_threads();
// How many threads may share `count` pieces of work that call libgit2:
// threads_for(count, per_thread) (util/parallel.hpp), or 1 without threads.
size_t threads_for_libgit2(size_t count, size_t per_thread);

// Readies libgit2 for its pure in-memory functions only (git_merge_file,
// git_odb_hash), which need nothing but its allocator. git_libgit2_init costs
// about 9 ms here, nearly all of it parsing the system's TLS CA bundle for
// HTTPS, which would make every merge-driver call several times slower than
// `git merge-file`. libgit2 supports installing the allocator before init
// (GIT_OPT_SET_ALLOCATOR with NULL = its standard allocator; init keeps it),
// so this is safe whichever of the two runs first. Callers must not read
// git_error_last(): error state is per thread and set up by the full init.
void ensure_libgit2_in_memory();

// Throws Error(git) with `what` and libgit2's last error message (after
// ensure_libgit2 only: see above).
[[noreturn]] void throw_git_error(const std::string& what);
// Throws as throw_git_error when a libgit2 call returned an error (< 0);
// for a lock file that exists (GIT_ELOCKED), says what to do about it.
void check_git(int rc, const std::string& what);

}  // namespace gittd::git
