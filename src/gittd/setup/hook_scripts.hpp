#pragma once
// The hook shims of hooks/ in the repository, compiled into git-td (the
// generated hook_scripts.cpp, made by src/CMakeLists.txt from hooks/<name>),
// so that `git td init` installs exactly the files that are reviewed there.
#include <string>
#include <string_view>
#include <vector>

namespace gittd::setup {

struct HookScript {
    std::string_view name;  // pre-commit, post-commit, post-merge, post-checkout, post-rewrite
    std::string_view text;
};

const std::vector<HookScript>& hook_scripts();

// Every shim carries this line (`# git-td-hook: <name>`); it tells git-td's
// hooks from everyone else's, including older versions of its own.
inline constexpr std::string_view hook_marker = "\n# git-td-hook: ";

inline bool is_git_td_hook(std::string_view text) { return text.find(hook_marker) != std::string_view::npos; }

}  // namespace gittd::setup
