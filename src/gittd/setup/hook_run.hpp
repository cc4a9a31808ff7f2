#pragma once
// `git td hook NAME [ARGS]`, what the shims in hooks/ call:
//   pre-commit                    export, then `git add -A -- .todos/export`
//   post-commit, post-merge,
//   post-rewrite                  import (and so the agreed commit moves)
//   post-checkout (branch: $3=1)  import
// Nothing happens where git-td is not set up for inline mode: no
// .todos/export/git-td.yaml in this worktree (a branch from before git-td, a
// project that does not use it, reached through a shared core.hooksPath), or
// a clone in branch mode.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::setup {

enum class HookTask { export_and_stage, import, nothing };

// The task of hook `name` given git's arguments. A hook name this git-td does
// not know is `nothing`, so that a newer shim never blocks git.
HookTask hook_task(const std::string& name, const std::vector<std::string>& args);

struct HookOutcome {
    HookTask task = HookTask::nothing;
    std::string skipped;  // why nothing was done, when it was not
    std::optional<exchange::ExportReport> exported;
    bool staged = false;  // pre-commit: the tree was staged (not for `git commit PATHS`)
    std::optional<exchange::ImportReport> imported;
};

// Runs in the worktree that contains the current directory (git runs hooks at
// its top). Throws like export and import do; `git td hook` turns every error
// into a warning.
HookOutcome run_hook(const std::string& name, const std::vector<std::string>& args,
                     const std::optional<std::filesystem::path>& database, Diagnostics& diagnostics);

}  // namespace gittd::setup
