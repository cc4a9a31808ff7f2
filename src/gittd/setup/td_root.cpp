#include "gittd/setup/td_root.hpp"

#include "gittd/util/confined.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/text_lines.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

namespace {

constexpr const char* td_root_name = ".td-root";

// `/.td-root` in the repository's info/exclude (shared by every worktree), so
// the file never shows in `git status` or reaches a commit.
void exclude_td_root(const fs::path& common_dir) {
    const fs::path exclude = common_dir / "info" / "exclude";
    const std::string rule = std::string("/") + td_root_name;
    std::string text = read_file_if_exists(exclude).value_or("");
    for (std::string_view line : lines_with_newlines(text)) {
        if (line.ends_with('\n')) line.remove_suffix(1);
        if (line == rule) return;
    }
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "# git-td: td's pointer from a linked worktree to the main worktree's database\n" + rule + "\n";
    write_file_atomic(exclude, text);
}

}  // namespace

bool point_td_at_main_worktree(const exchange::Workspace& workspace) {
    if (!workspace.repo.is_linked_worktree) return false;
    const fs::path main_worktree = workspace.repo.common_dir.parent_path();
    if (workspace.database != main_worktree / ".todos" / "issues.db") return false;
    // Without a `.todos/` here td finds the main worktree's database by itself.
    if (!exists_in(workspace.repo.workdir, ".todos") || exists_in(workspace.repo.workdir, td_root_name)) return false;
    exclude_td_root(workspace.repo.common_dir);
    write_file_in(workspace.repo.workdir, td_root_name, main_worktree.string() + "\n");
    return true;
}

}  // namespace gittd::setup
