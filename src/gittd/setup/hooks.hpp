#pragma once
// Installing git-td's hook shims (hook_scripts.hpp) where git runs hooks,
// without losing the user's own: an existing hook is moved aside to
// `<name>.pre-git-td`, the shim runs it first, and uninstalling moves it back.
// A hook is git-td's when it carries the shim marker; nothing else is ever
// overwritten or removed.
#include <filesystem>
#include <string>
#include <vector>

#include "gittd/git/config.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/setup/hook_scripts.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::setup {

inline constexpr const char* chained_suffix = ".pre-git-td";

// Where git runs this worktree's hooks from: core.hooksPath when set (`~/`
// expanded; a relative path is taken from the top of the worktree, where git
// runs hooks), else the common git dir's hooks/, which every linked worktree
// shares.
std::filesystem::path hooks_dir(const git::RepositoryPaths& paths, const git::Config& config);

enum class HookState {
    missing,   // no file: git runs nothing
    current,   // git-td's shim, as this git-td would install it
    outdated,  // git-td's shim from another version
    foreign,   // someone else's hook (or a symlink, which is never followed)
};

struct HookStatus {
    std::string name;
    std::filesystem::path path;
    HookState state = HookState::missing;
    bool executable = false;  // git skips a hook that is not
    bool chained = false;     // <name>.pre-git-td exists
};

HookStatus hook_status(const std::filesystem::path& dir, const HookScript& script);

struct HookChange {
    std::string name;
    // install: installed, chained (the existing hook was moved aside),
    // updated, unchanged, skipped; uninstall: removed, restored (the chained
    // hook is back), absent, left (not git-td's)
    std::string action;
};

std::vector<HookChange> install_hooks(const std::filesystem::path& dir, Diagnostics& diagnostics);
std::vector<HookChange> uninstall_hooks(const std::filesystem::path& dir, Diagnostics& diagnostics);

}  // namespace gittd::setup
