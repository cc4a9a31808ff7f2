#pragma once
// The repository git-td works in, found the way git finds it. (Like every
// file of src/gittd/git, the only layer that includes git2.h.)
#include <filesystem>
#include <optional>

namespace gittd::git {

struct RepositoryPaths {
    std::filesystem::path workdir;     // top of this worktree
    std::filesystem::path git_dir;     // this worktree's git dir (per-worktree state)
    std::filesystem::path common_dir;  // shared git dir (config, objects, hooks)
    bool is_linked_worktree = false;
};

// Discovers the repository containing `start` (like `git rev-parse`), or
// nullopt when `start` is not inside a non-bare repository.
std::optional<RepositoryPaths> discover(const std::filesystem::path& start);

}  // namespace gittd::git
