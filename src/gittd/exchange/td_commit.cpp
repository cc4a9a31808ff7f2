#include "gittd/exchange/td_commit.hpp"

#include "gittd/exchange/commit_paths.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/git/commit_writer.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

namespace {

// The bytes of `path` (from the repository's top, inside the export folder)
// in the worktree, read without following a link, with the stat of what was
// read; nullopt when it is gone.
std::optional<FileRead> read_export_file(const tree::WorkingTree& working, const std::string& tree_prefix,
                                         const std::string& path) {
    const std::string inside = path.substr(tree_prefix.size());
    const size_t slash = inside.find('/');
    if (slash == std::string::npos) {
        const int folder = working.tree_fd();
        if (folder < 0) return std::nullopt;
        return read_file_and_stat_at(folder, inside, working.top(), working.relative(inside));
    }
    const model::Kind* kind = model::kind_by_folder(inside.substr(0, slash));
    if (!kind) throw Error(ErrorCode::invalid_input, path + ": not in a kind folder");
    return working.read_with_stat(*kind, inside.substr(slash + 1));
}

// Every path of the export folder, in the worktree (git-td's files only: record
// files of the kinds, git-td.yaml, .gitattributes) and in HEAD (to remove
// what the worktree no longer has): a format switch changes them all.
std::set<std::string> whole_folder(const Workspace& workspace, const tree::WorkingTree& working,
                                   const std::optional<git::ObjectId>& head) {
    const std::string prefix = export_path(workspace) + "/";
    std::set<std::string> paths = {prefix + tree::tree_config_name, prefix + tree::attributes_name};
    for (const model::Kind& kind : model::all_kinds()) {
        for (const std::string& name : working.record_files(kind))
            paths.insert(prefix + std::string(kind.folder) + "/" + name);
        if (!head) continue;
        const auto committed = git::list_tree_at(workspace.git, *head, prefix + std::string(kind.folder));
        for (const git::TreeEntry& entry : committed.value_or(std::vector<git::TreeEntry>{})) {
            paths.insert(prefix + std::string(kind.folder) + "/" + entry.name);
        }
    }
    return paths;
}

}  // namespace

TdCommitReport commit_td_state(const Workspace& workspace, const std::string& message, Diagnostics& diagnostics) {
    if (const std::optional<std::string> operation = git::operation_in_progress(workspace.git)) {
        throw Error(ErrorCode::git, "git is in the middle of " + *operation +
                                        "; its next commit is git's: finish it (the hooks carry td's state) or "
                                        "abort it, then run 'git td commit'");
    }
    check_tree_location(workspace);
    TdCommitReport report;
    // As pre-commit: files a stash or reset put back are no edit, and the
    // export writes td's state over them.
    ImportOptions steps_back;
    steps_back.steps_back_only = true;
    steps_back.from_git = true;
    import_workspace(workspace, steps_back, diagnostics);
    report.exported = export_workspace(workspace, {}, diagnostics);

    const std::optional<git::ObjectId> head = workspace.git.resolve("HEAD");
    const tree::WorkingTree working = working_tree(workspace);
    const std::string prefix = export_path(workspace) + "/";
    const CommitPaths plan = plan_commit_paths(workspace, report.exported);
    const std::set<std::string> paths = plan.whole_folder ? whole_folder(workspace, working, head) : plan.paths;

    // Each file is stored as a blob as soon as it is read, so its bytes are
    // held once (by the writer, until the pack), not twice.
    git::CommitWriter writer(workspace.git);
    std::vector<git::TreeUpdate> updates;
    std::vector<std::optional<struct stat>> stats;  // for the index: the stat of what was read
    updates.reserve(paths.size());
    stats.reserve(paths.size());
    for (const std::string& path : paths) {
        const std::optional<FileRead> read = read_export_file(working, prefix, path);
        std::optional<git::ObjectId> blob;
        if (read) blob = writer.write_blob(read->bytes);
        updates.push_back({path, blob});
        stats.push_back(read ? std::optional<struct stat>(read->info) : std::nullopt);
    }
    const git::ObjectId tree = writer.updated_tree(head, updates);
    if (head && tree == git::commit_tree(workspace.git, *head)) return report;  // HEAD holds td's state already

    report.commit = writer.commit(head, tree, message);
    report.files_changed = git::diff_commits(workspace.git, head, report.commit, export_path(workspace)).size();
    git::update_index_entries(workspace.git, updates, stats);
    // The database agrees with the new commit, as after post-commit.
    ImportOptions settle;
    settle.from_git = true;
    import_workspace(workspace, settle, diagnostics);
    return report;
}

}  // namespace gittd::exchange
