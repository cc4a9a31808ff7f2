#include "gittd/sync/workspace.hpp"

#include "gittd/util/error.hpp"

namespace gittd::sync {

namespace fs = std::filesystem;

namespace {
std::optional<fs::path> nearest_database(fs::path dir, const fs::path& top) {
    std::error_code ec;
    for (;;) {
        const fs::path candidate = dir / ".todos" / "issues.db";
        if (fs::is_regular_file(candidate, ec)) return candidate;
        if (dir == top || !dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}
}  // namespace

Workspace locate_workspace(const fs::path& start, const std::optional<fs::path>& database_override) {
    const fs::path absolute_start = fs::weakly_canonical(fs::absolute(start));
    auto repo = git::discover(absolute_start);
    if (!repo) {
        throw Error(ErrorCode::not_found,
                    absolute_start.string() + ": not inside a git worktree; run git-td in your "
                                              "project (or pass -C DIR)");
    }
    Workspace workspace{*repo, {}, repo->workdir / ".todos" / "export"};
    if (database_override) {
        workspace.database = fs::absolute(*database_override);
        return workspace;
    }
    if (auto found = nearest_database(absolute_start, repo->workdir)) {
        workspace.database = *found;
    } else if (repo->is_linked_worktree) {
        const fs::path main_worktree = repo->common_dir.parent_path();
        workspace.database = main_worktree / ".todos" / "issues.db";
    } else {
        workspace.database = repo->workdir / ".todos" / "issues.db";
    }
    return workspace;
}

}  // namespace gittd::sync
