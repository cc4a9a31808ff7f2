#include "gittd/exchange/workspace.hpp"

#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/sha256.hpp"

namespace gittd::exchange {

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
    std::optional<git::Repository> repository = git::Repository::discover(absolute_start);
    if (!repository) {
        throw Error(ErrorCode::not_found, absolute_start.string() +
                                              ": not inside a git worktree; run git-td in your "
                                              "project (or pass -C DIR)");
    }
    const git::RepositoryPaths repo = repository->paths();
    Workspace workspace{std::move(*repository), repo, {}, repo.workdir / ".todos" / "export"};
    if (database_override) {
        workspace.database = fs::absolute(*database_override);
        return workspace;
    }
    if (auto found = nearest_database(absolute_start, repo.workdir)) {
        workspace.database = *found;
    } else if (repo.is_linked_worktree) {
        const fs::path main_worktree = repo.common_dir.parent_path();
        workspace.database = main_worktree / ".todos" / "issues.db";
    } else {
        workspace.database = repo.workdir / ".todos" / "issues.db";
    }
    return workspace;
}

std::string export_path(const Workspace& workspace) {
    return workspace.export_dir.lexically_relative(workspace.repo.workdir).generic_string();
}

tree::WorkingTree working_tree(const Workspace& workspace) {
    return tree::WorkingTree(workspace.repo.workdir, export_path(workspace));
}

void check_tree_location(const Workspace& workspace) {
    // Lists the tree's top: a link there (.gitattributes, git-td.yaml, a kind
    // folder) is refused even when this command would not have opened it.
    working_tree(workspace).folders();
    remove_stale_temp_files(workspace.repo.workdir);
}

std::optional<std::string> database_key(const Workspace& workspace) {
    std::error_code ec;
    fs::path database = fs::weakly_canonical(workspace.database, ec);
    if (ec) database = workspace.database;
    std::string key = database.string();
    for (const fs::path& top : {workspace.repo.workdir, workspace.repo.common_dir.parent_path()}) {
        const fs::path relative = database.lexically_relative(fs::weakly_canonical(top, ec));
        if (!ec && !relative.empty() && *relative.begin() != "..") {
            key = relative.generic_string();
            break;
        }
    }
    if (key == ".todos/issues.db") return std::nullopt;
    return sha256_hex(key).substr(0, 16);
}

fs::path base_store_path(const Workspace& workspace) {
    const std::optional<std::string> key = database_key(workspace);
    return git_td_dir(workspace) / (key ? "base-" + *key + ".sqlite" : std::string("base.sqlite"));
}

BaseStore open_base_store(const Workspace& workspace, bool dry_run) {
    const fs::path path = base_store_path(workspace);
    return dry_run ? BaseStore::open_without_creating(path) : BaseStore::open(path);
}

fs::path git_td_dir(const Workspace& workspace) { return workspace.repo.git_dir / "git-td"; }

namespace {
fs::path journal_path(const Workspace& workspace) { return git_td_dir(workspace) / "new-files.journal"; }
}  // namespace

tree::NewFilesJournal new_files_journal(const Workspace& workspace) {
    return tree::NewFilesJournal(journal_path(workspace), base_store_path(workspace).filename().string());
}

void recover_dead_export(const Workspace& workspace, const tree::WorkingTree& tree, Diagnostics& diagnostics) {
    const fs::path journal = journal_path(workspace);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(journal, ec))) return;  // the usual case: one stat
    // The store the journal names: one of this worktree's base stores.
    const auto recorded = [&](const std::string& store) -> std::optional<std::string> {
        const bool plain_name = !store.empty() && store.find('/') == std::string::npos && store.starts_with("base") &&
                                store.ends_with(".sqlite");
        if (!plain_name) return std::nullopt;
        BaseStore base = BaseStore::open_without_creating(git_td_dir(workspace) / store);
        return base.meta(tree::new_files_generation_key);
    };
    const size_t removed = tree::recover_new_files(journal, tree, recorded);
    if (removed > 0) {
        diagnostics.warn("removed " + std::to_string(removed) +
                         " record files an export that was killed had begun to create (" + journal.string() + ")");
    }
}

}  // namespace gittd::exchange
