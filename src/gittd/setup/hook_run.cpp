#include "gittd/setup/hook_run.hpp"

#include <cstdlib>
#include <set>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/commit_paths.hpp"
#include "gittd/exchange/tree_lock.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/git/config.hpp"
#include "gittd/setup/clone_config.hpp"
#include "gittd/setup/td_root.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/process.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

namespace {

// Whether the index git runs pre-commit on becomes the real index: the index
// itself (`git commit`) or its lock (`git commit -a`). `git commit PATHS`
// builds the commit in a temporary index and has already written the real
// one (locked); staging the export into the temporary one alone would leave
// the real index without it, so that the next commit would delete it again.
bool commit_uses_real_index(const exchange::Workspace& workspace) {
    const char* index_file = std::getenv("GIT_INDEX_FILE");
    if (!index_file || !*index_file) return true;
    std::error_code ec;
    const fs::path index = fs::weakly_canonical(workspace.repo.workdir / index_file, ec);
    const fs::path real = fs::weakly_canonical(workspace.repo.git_dir / "index", ec);
    return index == real || index == fs::path(real.string() + ".lock");
}

// `git update-index` rather than libgit2's index: git has set GIT_INDEX_FILE
// to the index this commit is built from (the index's lock for `commit -a`),
// and git honours it, and its own locking, by itself. A path that is gone is
// removed from the index.
void stage(const exchange::Workspace& workspace, const exchange::CommitPaths& plan) {
    if (plan.whole_folder) {
        const std::string tree = exchange::export_path(workspace);
        const int status = run_program({"git", "add", "-A", "--", tree}, workspace.repo.workdir);
        if (status != 0) {
            throw Error(ErrorCode::git, "'git add -A -- " + tree + "' failed (exit " + std::to_string(status) +
                                            "); the export is in the worktree but not staged");
        }
        return;
    }
    const std::set<std::string>& paths = plan.paths;
    if (paths.empty()) return;
    std::string input;
    for (const std::string& path : paths) input += path + '\0';
    const int status = run_program_with_input({"git", "update-index", "--add", "--remove", "-z", "--stdin"},
                                              workspace.repo.workdir, input);
    if (status != 0) {
        throw Error(ErrorCode::git, "'git update-index --add --remove' of " + std::to_string(paths.size()) +
                                        " export files failed (exit " + std::to_string(status) +
                                        "); the export is in the worktree but not staged");
    }
}

exchange::ExportReport export_and_stage(const exchange::Workspace& workspace, bool& staged, Diagnostics& diagnostics) {
    // Held until the export is staged: git add must not read a file another
    // git-td is still creating.
    const exchange::TreeLock lock(workspace, diagnostics);
    // Files git put back as history had them (a stash, a reset: no hook ran)
    // are no edit: recognised first, the export writes td's state over them,
    // so this commit carries the whole task state (DESIGN §1). Nothing else
    // is imported here (decision 64); a tree that does not read only warns.
    exchange::ImportOptions steps_back;
    steps_back.steps_back_only = true;
    steps_back.from_git = true;
    try {
        exchange::import_workspace(workspace, steps_back, diagnostics);
    } catch (const Error& error) {
        diagnostics.warn(std::string(error.what()));
    }
    exchange::ExportReport report = exchange::export_workspace(workspace, {}, diagnostics);
    if (!report.awaiting_import.empty()) {
        diagnostics.warn(std::to_string(report.awaiting_import.size()) +
                         " record files changed in the tree since the last import (e.g. " +
                         report.awaiting_import.front() +
                         "); this commit carries td's state of the others: run 'git td import' to merge them");
    }
    if (!commit_uses_real_index(workspace)) {
        diagnostics.warn(
            "'git commit PATHS' commits only those paths: td's export is written but not staged; "
            "commit it with 'git add .todos/export && git commit'");
        staged = false;
        return report;
    }
    stage(workspace, exchange::plan_commit_paths(workspace, report));
    staged = true;
    return report;
}

exchange::ImportReport import(const exchange::Workspace& workspace, bool every_file, Diagnostics& diagnostics) {
    // Git just made the worktree match HEAD: what it changed, and what git-td
    // wrote that HEAD lacks, is all there is to import (tree_feed.hpp).
    exchange::ImportOptions options;
    options.from_git = !every_file;
    return exchange::import_workspace(workspace, options, diagnostics);
}

}  // namespace

HookTask hook_task(const std::string& name, const std::vector<std::string>& args) {
    if (name == "pre-commit") return HookTask::export_and_stage;
    if (name == "post-commit" || name == "post-merge" || name == "post-rewrite") return HookTask::import;
    // post-checkout PREV NEW FLAG: FLAG is 1 for a branch checkout, 0 for files.
    if (name == "post-checkout") return args.size() >= 3 && args[2] == "1" ? HookTask::import : HookTask::nothing;
    return HookTask::nothing;
}

HookOutcome run_hook(const std::string& name, const std::vector<std::string>& args,
                     const std::optional<fs::path>& database, Diagnostics& diagnostics) {
    HookOutcome outcome;
    outcome.task = hook_task(name, args);
    if (outcome.task == HookTask::nothing) {
        outcome.skipped = name == "post-checkout" ? "a checkout of files, not of a branch"
                                                  : "git-td has nothing to do in a " + name + " hook";
        return outcome;
    }
    const exchange::Workspace workspace = exchange::locate_workspace(".", database);
    const git::Config config(workspace.git);
    if (configured_mode(config) == Mode::branch) {
        outcome.skipped = "this clone is in branch mode";
        return outcome;
    }
    // A link at .todos, .todos/export or git-td.yaml is refused, not followed.
    exchange::check_tree_location(workspace);
    const tree::WorkingTree tree = exchange::working_tree(workspace);
    if (!exists_in(tree.top(), tree.relative(tree::tree_config_name))) {
        outcome.skipped = "no .todos/export/" + std::string(tree::tree_config_name) + " in this worktree";
        return outcome;
    }
    // `git worktree add` runs post-checkout in the new worktree: td there must
    // find the shared database too (quietly: nothing is wrong).
    point_td_at_main_worktree(workspace);
    if (outcome.task == HookTask::export_and_stage) {
        outcome.exported = export_and_stage(workspace, outcome.staged, diagnostics);
    } else {
        // `git merge --squash` puts the changes in the worktree and leaves
        // HEAD where it was: git's history does not name them, every file must be looked at.
        const bool squash = name == "post-merge" && !args.empty() && args[0] == "1";
        outcome.imported = import(workspace, squash, diagnostics);
    }
    return outcome;
}

}  // namespace gittd::setup
