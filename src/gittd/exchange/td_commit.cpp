#include "gittd/exchange/td_commit.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>

#include "gittd/exchange/commit_paths.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/exchange/tree_lock.hpp"
#include "gittd/git/commit_writer.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/parallel.hpp"

namespace gittd::exchange {

namespace {

// Where the file of `path` (from the repository's top, inside the export
// folder) is read from: its open folder (opened here, on the calling
// thread, without following a link), its name there, and its path from the
// top for errors. nullopt when its folder is gone.
struct ExportFile {
    int folder;
    std::string name, relative;
};

std::optional<ExportFile> locate_export_file(const tree::WorkingTree& working, const std::string& tree_prefix,
                                             const std::string& path) {
    const std::string inside = path.substr(tree_prefix.size());
    const size_t slash = inside.find('/');
    if (slash == std::string::npos) {
        const int folder = working.tree_fd();
        if (folder < 0) return std::nullopt;
        return ExportFile{folder, inside, working.relative(inside)};
    }
    const model::Kind* kind = model::kind_by_folder(inside.substr(0, slash));
    if (!kind) throw Error(ErrorCode::invalid_input, path + ": not in a kind folder");
    const int folder = working.folder_fd(*kind);
    if (folder < 0) return std::nullopt;
    return ExportFile{folder, inside.substr(slash + 1), working.relative(inside)};
}

// A file read for the commit: its bytes hashed as a blob, and the stat of
// what was read (for the index).
struct ReadFile {
    git::HashedBlob blob;
    struct stat info;
};

// Reads the files of `paths` on the machine's cores (open, read, fstat and
// SHA-1 are a file's own work) and hands each to `take` in order, a batch
// at a time, so no more than a batch of files is held twice.
void read_export_files(const tree::WorkingTree& working, const std::string& tree_prefix,
                       const std::vector<std::string>& paths,
                       const std::function<void(const std::string&, std::optional<ReadFile>)>& take) {
    constexpr size_t batch_size = 4096;
    constexpr size_t files_per_thread = 256;
    for (size_t start = 0; start < paths.size(); start += batch_size) {
        const size_t count = std::min(batch_size, paths.size() - start);
        std::vector<std::optional<ExportFile>> where;
        where.reserve(count);
        for (size_t i = 0; i < count; ++i) where.push_back(locate_export_file(working, tree_prefix, paths[start + i]));
        std::vector<std::optional<ReadFile>> read(count);
        for_each_index(count, git::threads_for_libgit2(count, files_per_thread), [&](size_t i, size_t) {
            if (!where[i]) return;
            std::optional<FileRead> file =
                read_file_and_stat_at(where[i]->folder, where[i]->name, working.top(), where[i]->relative);
            if (file) read[i].emplace(ReadFile{git::HashedBlob(std::move(file->bytes)), file->info});
        });
        for (size_t i = 0; i < count; ++i) take(paths[start + i], std::move(read[i]));
    }
}

// Every path of the export folder, in the worktree (git-td's files only: record
// files of the kinds, git-td.yaml, .gitattributes) and in HEAD (to remove
// what the worktree no longer has): a format switch changes them all.
std::vector<std::string> whole_folder(const Workspace& workspace, const tree::WorkingTree& working,
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
    return {paths.begin(), paths.end()};
}

}  // namespace

TdCommitReport commit_td_state(const Workspace& workspace, const std::string& message, Diagnostics& diagnostics) {
    if (const std::optional<std::string> operation = git::operation_in_progress(workspace.git)) {
        throw Error(ErrorCode::git, "git is in the middle of " + *operation +
                                        "; its next commit is git's: finish it (the hooks carry td's state) or "
                                        "abort it, then run 'git td commit'");
    }
    check_tree_location(workspace);
    // Held until the commit is written: it reads the files the export wrote.
    const TreeLock lock(workspace, diagnostics);
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
    const std::vector<std::string> paths = plan.whole_folder
                                               ? whole_folder(workspace, working, head)
                                               : std::vector<std::string>(plan.paths.begin(), plan.paths.end());

    // Each batch of files is stored as blobs as soon as it is read, so the
    // bytes of all 80k files are held once (by the writer, until the pack).
    git::CommitWriter writer(workspace.git);
    std::vector<git::TreeUpdate> updates;
    std::vector<std::optional<struct stat>> stats;  // for the index: the stat of what was read
    updates.reserve(paths.size());
    stats.reserve(paths.size());
    read_export_files(working, prefix, paths, [&](const std::string& path, std::optional<ReadFile> read) {
        std::optional<git::ObjectId> blob;
        if (read) blob = writer.write_blob(read->blob);
        updates.push_back({path, blob});
        stats.push_back(read ? std::optional<struct stat>(read->info) : std::nullopt);
    });
    const git::ObjectId tree = writer.updated_tree(head, updates);
    if (head && tree == git::commit_tree(workspace.git, *head)) return report;  // HEAD holds td's state already

    // The index before the branch, as git does (it holds index.lock across
    // both): killed between the two, the index has td's files staged onto
    // the old HEAD — what pre-commit does anyway — and never is HEAD ahead
    // of an index that lacks its files, which the next `git commit` would
    // record as the deletion of every record.
    const git::CommitWriter::PendingCommit pending = writer.commit_without_moving(head, tree, message);
    git::update_index_entries(workspace.git, updates, stats);
    if (const char* pause = std::getenv("GITTD_TEST_PAUSE_BEFORE_REF")) {
        std::fprintf(stderr, "git-td: paused before moving the branch\n");  // lets a test kill it here
        ::sleep(static_cast<unsigned>(std::atoi(pause)));
    }
    git::move_ref(workspace.git, pending.id, pending.where);
    report.commit = pending.id;
    report.files_changed = git::diff_commits(workspace.git, head, report.commit, export_path(workspace)).size();
    // The database agrees with the new commit, as after post-commit.
    ImportOptions settle;
    settle.from_git = true;
    import_workspace(workspace, settle, diagnostics);
    return report;
}

}  // namespace gittd::exchange
