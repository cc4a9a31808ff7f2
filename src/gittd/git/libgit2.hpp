#pragma once
namespace gittd::git {
// Initialises libgit2 once per process (and shuts it down at exit).
void ensure_libgit2();
}  // namespace gittd::git
