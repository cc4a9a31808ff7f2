#pragma once
// Where things are for one git-td invocation: the worktree, td's database and
// the export tree. Finding the database follows td: the nearest `.todos/`
// holding issues.db from the working directory up to the worktree's top, then
// the main worktree's `.todos/` (td shares one database across worktrees),
// unless --db names it.
#include <filesystem>
#include <optional>

#include "gittd/git/repository.hpp"

namespace gittd::sync {

struct Workspace {
    git::RepositoryPaths repo;
    std::filesystem::path database;     // .todos/issues.db (may not exist yet)
    std::filesystem::path export_dir;   // <worktree>/.todos/export
};

// Throws Error(not_found) outside a git worktree.
Workspace locate_workspace(const std::filesystem::path& start,
                           const std::optional<std::filesystem::path>& database_override);

}  // namespace gittd::sync
