#pragma once
// Where things are for one git-td invocation: the worktree, td's database and
// the export tree. Finding the database follows td: the nearest `.todos/`
// holding issues.db from the working directory up to the worktree's top, then
// the main worktree's `.todos/` (td shares one database across worktrees),
// unless --db names it.
#include <filesystem>
#include <optional>
#include <string>

#include "gittd/exchange/base_store.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/tree/new_files_journal.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

// Move-only (it owns the open repository): pass it by reference.
struct Workspace {
    git::Repository git;               // opened once for the whole command
    git::RepositoryPaths repo;         // git.paths(), which most code reads
    std::filesystem::path database;    // .todos/issues.db (may not exist yet)
    std::filesystem::path export_dir;  // <worktree>/.todos/export
};

// The export folder's path from the worktree's top, '/'-separated
// (".todos/export"): where it is in a commit's tree too.
std::string export_path(const Workspace& workspace);

// The worktree's export tree, reached without following links (its relative
// path from the worktree's top; DESIGN §3.1).
tree::WorkingTree working_tree(const Workspace& workspace);

// Refuses, before anything is read or written, a symbolic link at `.todos`,
// `.todos/export` or directly in it (Error(untrusted), naming it), and removes the temporary
// files of dead git-td processes (killed with -9) from the worktree. Every
// command that touches the tree calls it first: td's database lives in
// `.todos` too, and must not be opened, let alone created, through a link
// that came with a clone.
void check_tree_location(const Workspace& workspace);

// Opens the repository containing `start`. Throws Error(not_found) outside a
// git worktree.
Workspace locate_workspace(const std::filesystem::path& start,
                           const std::optional<std::filesystem::path>& database_override);

// Where the base store (base_store.hpp) of this worktree and database lives:
// <git dir>/git-td/base.sqlite for the database td itself would use, and
// base-<hash>.sqlite for another one named by --db — agreement with one
// database says nothing about another. The hash is of the database's path
// relative to the worktree (or the main worktree) when it lies inside one, so
// moving or copying the repository keeps its base.
std::filesystem::path base_store_path(const Workspace& workspace);

// What tells this workspace's database apart from another one named by --db
// in the names of git-td's per-database files: nullopt for the database td
// itself would use, else a hash of its path as base_store_path describes.
std::optional<std::string> database_key(const Workspace& workspace);

// This worktree's git-td folder, <git dir>/git-td: its base stores, the
// journal of new files and the tree's lock.
std::filesystem::path git_td_dir(const Workspace& workspace);

// Opens that store; a dry run gets it read-only (or empty) and creates nothing.
BaseStore open_base_store(const Workspace& workspace, bool dry_run = false);

// The journal of the files an export creates in place in this worktree
// (tree/new_files_journal.hpp), naming this workspace's base store.
tree::NewFilesJournal new_files_journal(const Workspace& workspace);

// Under the worktree's lock (tree_lock.hpp): undoes what an export killed half-way left in the
// tree (its journal names the files), saying so in `diagnostics`.
void recover_dead_export(const Workspace& workspace, const tree::WorkingTree& tree, Diagnostics& diagnostics);

}  // namespace gittd::exchange
