#pragma once
// What git's per-path rules (.gitattributes, .gitignore and their
// info/global counterparts) say about one path of a worktree, as git itself
// resolves them: `git check-attr` and `git check-ignore` without forking git.
#include <optional>
#include <string>

#include "gittd/git/repository.hpp"

namespace gittd::git {

// Attribute `name` of `path` (relative to the worktree top, need not exist):
// "set" (`text`), "unset" (`-text`), its value (`merge=td-record`), or nullopt
// when unspecified.
std::optional<std::string> attribute(const Repository& repository, const std::string& path, const std::string& name);

// Whether git would ignore `path` (relative to the worktree top).
bool is_ignored(const Repository& repository, const std::string& path);

// Whether git tracks `path` (relative to the worktree top): it is in the
// index, so a commit carries it to everyone.
bool is_tracked(const Repository& repository, const std::string& path);

}  // namespace gittd::git
