#pragma once
// td finds its database in the nearest `.todos/` holding one, and a linked
// worktree of a repository whose `.todos/export/` is committed has a `.todos/`
// of its own (the tree), without a database: td then says "database not
// found" there, where git-td (like td without the tree) uses the main
// worktree's database. td reads a `.td-root` file at a worktree's top naming
// the project directory to use; git-td writes one in such a worktree, and
// keeps it out of git's view with a line in the common `info/exclude`.
#include "gittd/exchange/workspace.hpp"

namespace gittd::setup {

// Writes `.td-root` (naming the main worktree) when this is a linked worktree
// without a database of its own that uses the main worktree's, and there is
// no `.td-root` yet. Returns whether it wrote one. A link at `.td-root` is
// refused (util/confined.hpp).
bool point_td_at_main_worktree(const exchange::Workspace& workspace);

}  // namespace gittd::setup
