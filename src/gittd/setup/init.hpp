#pragma once
// `git td init` and `git td init --uninstall`: everything that sets a clone up
// for git-td, in one place so that uninstall is the exact inverse.
//   shared, committed:  .todos/export/git-td.yaml, .gitignore's re-inclusion,
//                       .todos/export/.gitattributes (attributes.hpp)
//   per clone:          the merge driver and mode in .git/config (clone_config.hpp),
//                       the hook shims, inline mode only (hooks.hpp)
//   td's database:      created as `td init` would when the clone has none (a
//                       fresh clone), and the tree imported into it (inline
//                       mode; in branch mode that is the sync's job)
// Both are idempotent: a second run changes no byte. Uninstall never touches
// td's database, and undoes only this clone's part: a shared file git tracks
// (the .gitattributes that turns the merge driver on for everyone) stays, and
// the report says how to remove it for everyone (decision 69).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gittd/exchange/workspace.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/setup/clone_config.hpp"
#include "gittd/setup/hooks.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::setup {

struct InitOptions {
    std::optional<Mode> mode;                   // default: the clone's mode, else inline
    std::optional<format::Format> format;       // for a new tree; default yaml
    std::optional<std::filesystem::path> self;  // the running git-td, to find the driver beside it
    // Branch mode: where `git td sync` goes (git-td.remote, git-td.branch);
    // default: what the clone has, else origin and td-sync.
    std::optional<std::string> sync_remote, sync_branch;
    Progress progress;  // told how far importing a clone's tree got
};

struct InitReport {
    Mode mode = Mode::inline_mode;
    format::Format format = format::Format::yaml;
    bool tree_config_written = false;
    bool gitignore_changed = false;
    bool attributes_changed = false;
    std::string driver_command;
    std::vector<ConfigEntry> config;
    std::filesystem::path hooks_dir;
    std::vector<HookChange> hooks;  // installed (inline), or removed (branch)
    bool database_created = false;  // the clone had no td database: init made one
    bool td_root_written = false;   // a linked worktree's .td-root points td at the main worktree
    bool tree_imported = false;     // ...and imported the tree into it (inline mode)
    size_t records_imported = 0;    // records the import inserted
    size_t records_postponed = 0;   // records whose parent is nowhere (they wait for it)
};

InitReport init_clone(const exchange::Workspace& workspace, const InitOptions& options, Diagnostics& diagnostics);

struct UninstallReport {
    bool attributes_changed = false;
    // .todos/export/.gitattributes is tracked by git: it is everyone's, so
    // uninstall leaves it (and git-td.yaml, .gitignore) alone.
    bool attributes_shared = false;
    std::vector<ConfigEntry> config;
    std::filesystem::path hooks_dir;
    std::vector<HookChange> hooks;
};

// Removes what init_clone added to this clone and to .gitattributes, and
// nothing else: git-td.yaml, .gitignore and the export tree stay (they are
// the project's shared data and settings, not this clone's setup).
UninstallReport uninstall_clone(const exchange::Workspace& workspace, Diagnostics& diagnostics);

}  // namespace gittd::setup
