#include "gittd/git/libgit2.hpp"

#include <git2.h>

namespace gittd::git {

namespace {
struct Libgit2 {
    Libgit2() { git_libgit2_init(); }
    ~Libgit2() { git_libgit2_shutdown(); }
};
}  // namespace

void ensure_libgit2() { static Libgit2 instance; }

}  // namespace gittd::git
