#include "gittd/git/libgit2.hpp"

#include <git2.h>
#include <git2/sys/alloc.h>

#include <atomic>

namespace gittd::git {

namespace {
std::atomic<bool> fully_initialised{false};

struct Libgit2 {
    Libgit2() {
        git_libgit2_init();
        fully_initialised = true;
    }
    ~Libgit2() { git_libgit2_shutdown(); }
};
}  // namespace

void ensure_libgit2() { static Libgit2 instance; }

void ensure_libgit2_in_memory() {
    // Installing the standard allocator is idempotent, and git_libgit2_init
    // keeps an allocator set before it, so the order of the two never matters.
    static const bool ready = [] {
        if (!fully_initialised) git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, static_cast<git_allocator*>(nullptr));
        return true;
    }();
    (void)ready;
}

}  // namespace gittd::git
