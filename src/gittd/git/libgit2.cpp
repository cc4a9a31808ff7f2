#include "gittd/git/libgit2.hpp"

#include <git2.h>
#include <git2/sys/alloc.h>

#include <atomic>

#include "gittd/util/error.hpp"
#include "gittd/util/parallel.hpp"

namespace gittd::git {

namespace {
std::atomic<bool> fully_initialised{false};

struct Libgit2 {
    Libgit2() {
        git_libgit2_init();
        // Re-hashing every object read from the local object database is
        // not what git does (decision 95): objects get their ids from their
        // content when they arrive (the indexer of a fetch, our own writes).
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        fully_initialised = true;
    }
    ~Libgit2() { git_libgit2_shutdown(); }
};
}  // namespace

void ensure_libgit2() { static Libgit2 instance; }

bool libgit2_works_in_threads() { return (git_libgit2_features() & GIT_FEATURE_THREADS) != 0; }

size_t threads_for_libgit2(size_t count, size_t per_thread) {
    return libgit2_works_in_threads() ? threads_for(count, per_thread) : 1;
}

void ensure_libgit2_in_memory() {
    // Installing the standard allocator is idempotent, and git_libgit2_init
    // keeps an allocator set before it, so the order of the two never matters.
    static const bool ready = [] {
        if (!fully_initialised) git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, static_cast<git_allocator*>(nullptr));
        return true;
    }();
    (void)ready;
}

void throw_git_error(const std::string& what) {
    const git_error* e = git_error_last();
    throw Error(ErrorCode::git, what + ": " + (e ? e->message : "unknown libgit2 error"));
}

void check_git(int rc, const std::string& what) {
    if (rc == GIT_ELOCKED) {
        // git's own rule: a lock file nobody can be shown to have left is
        // never removed for the user; libgit2's message names the file.
        const git_error* e = git_error_last();
        throw Error(ErrorCode::git, what + ": " + (e ? e->message : "a lock file exists") +
                                        ": another git process is running here, or one was killed while it held "
                                        "the lock; if no git is running, remove that .lock file and run the "
                                        "command again");
    }
    if (rc < 0) throw_git_error(what);
}

}  // namespace gittd::git
