#pragma once
// The worktree's lock on its export tree (<git dir>/git-td/tree.lock): an
// flock held by every export and import of the tree, and by the commands
// that read the tree an export just wrote (git td commit, the pre-commit
// hook, conflict resolution) from start to end. Two git-td processes take
// turns on one worktree, so none reads a file another is still creating in
// place (tree/new_files_journal.hpp); a second one waits up to two minutes,
// then stops with a `locked` error naming the file.
//
// Reentrant within a process: a command holding it calls export and import,
// which take it again without waiting for themselves. Whoever takes it
// first in a process mends what a killed export left (recover_dead_export)
// before anything reads the tree.
#include <string>

#include "gittd/exchange/workspace.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

class TreeLock {
  public:
    // A dry run takes no lock and mends nothing: it writes nothing, not
    // even the lock file.
    TreeLock(const Workspace& workspace, Diagnostics& diagnostics, bool dry_run = false);
    ~TreeLock();
    TreeLock(const TreeLock&) = delete;
    TreeLock& operator=(const TreeLock&) = delete;

  private:
    std::string path_;  // empty: a dry run's, holding nothing
};

}  // namespace gittd::exchange
