#pragma once
// `td init` adds `.todos/` to .gitignore. Git cannot re-include a path below
// an excluded directory, so that rule hides the export tree. git-td rewrites
// exactly that rule into `.todos/*` + `!.todos/export/` and leaves every other
// line alone.
#include <filesystem>
#include <string>

namespace gittd::setup {

// The rewritten text; unchanged when no rule needs rewriting.
std::string reinclude_export_tree(const std::string& gitignore);

// Applies it to <workdir>/.gitignore; true when the file changed.
bool fix_gitignore(const std::filesystem::path& workdir);

}  // namespace gittd::setup
