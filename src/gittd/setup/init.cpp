#include "gittd/setup/init.hpp"

#include "gittd/exchange/sync.hpp"

#include "gittd/exchange/importer.hpp"
#include "gittd/git/path_rules.hpp"
#include "gittd/setup/attributes.hpp"
#include "gittd/setup/driver_command.hpp"
#include "gittd/setup/gitignore.hpp"
#include "gittd/setup/td_root.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/process.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

namespace {

// Sets the tree's format when the tree has no git-td.yaml yet. An existing
// tree keeps its format: switching rewrites every file, which is export's job.
bool ensure_tree_config(const tree::WorkingTree& tree, std::optional<format::Format> requested, format::Format& format,
                        Diagnostics& diagnostics) {
    std::optional<tree::TreeConfig> config = tree::read_tree_config(tree);
    if (config) {
        format = config->format;
        if (requested && *requested != config->format) {
            const std::string name(format::extension(*requested));
            diagnostics.warn("the tree is already " + std::string(format::extension(config->format)) +
                             "; switch it with 'git td export --" + name + "'");
        }
        return false;
    }
    tree::TreeConfig fresh;
    if (requested) fresh.format = *requested;
    tree::write_tree_config(tree, fresh);
    format = fresh.format;
    return true;
}

// Reads (and discards) every file init edits, which refuses a link at any of them.
void refuse_setup_links(const exchange::Workspace& workspace, const tree::WorkingTree& tree) {
    read_file_in(workspace.repo.workdir, ".gitignore");
    tree.read_config();
    read_file_in(tree.top(), tree.relative(attributes_name));
}

bool inside(const fs::path& path, const fs::path& dir) {
    const fs::path relative = path.lexically_relative(dir);
    return !relative.empty() && *relative.begin() != "..";
}

// Hooks inside the export tree would travel with the tasks to every clone
// (the pre-commit hook stages the whole folder), and the next import would
// refuse the folder: refused before anything is written.
void refuse_hooks_in_tree(const exchange::Workspace& workspace, const tree::WorkingTree& tree,
                          const git::Config& config) {
    const fs::path hooks = hooks_dir(workspace.repo, config).lexically_normal();
    const fs::path export_dir = (tree.top() / tree.relative("")).lexically_normal();
    if (!inside(hooks, export_dir)) return;
    throw Error(ErrorCode::invalid_input,
                "core.hooksPath = " + config.get("core.hooksPath").value_or("") + " puts the hooks in " +
                    hooks.string() + ", inside the export tree " + export_dir.string() +
                    ", which every clone receives with the tasks and import refuses; point core.hooksPath "
                    "elsewhere (e.g. git config core.hooksPath .githooks), then run 'git td init' again");
}

}  // namespace

InitReport init_clone(const exchange::Workspace& workspace, const InitOptions& options, Diagnostics& diagnostics) {
    InitReport report;
    git::Config config(workspace.git);
    report.mode = options.mode ? *options.mode : configured_mode(config).value_or(Mode::inline_mode);
    // Nothing is read or written before every file init touches is known to
    // be no link: a half-done init would leave the clone changed.
    exchange::check_tree_location(workspace);
    const tree::WorkingTree tree = exchange::working_tree(workspace);
    refuse_setup_links(workspace, tree);
    refuse_hooks_in_tree(workspace, tree, config);
    report.tree_config_written = ensure_tree_config(tree, options.format, report.format, diagnostics);
    report.gitignore_changed = fix_gitignore(workspace.repo.workdir);
    report.attributes_changed = install_record_attributes(tree);
    report.td_root_written = point_td_at_main_worktree(workspace);

    const std::string program = merge_driver_program(options.self);
    if (program == merge_driver_name && !find_program(merge_driver_name)) {
        diagnostics.warn(std::string(merge_driver_name) + " is neither beside " +
                         (options.self ? options.self->string() : std::string("git-td")) +
                         " nor on PATH: merging record files fails until it is installed");
    }
    report.driver_command = merge_driver_command(program);
    report.config = write_clone_config(config, report.mode, report.driver_command);
    if (report.mode == Mode::branch) {
        const std::pair<const char*, std::string> sync_keys[] = {
            {exchange::sync_remote_key,
             options.sync_remote.value_or(
                 config.get(exchange::sync_remote_key).value_or(exchange::default_sync_remote))},
            {exchange::sync_branch_key,
             options.sync_branch.value_or(
                 config.get(exchange::sync_branch_key).value_or(exchange::default_sync_branch))},
        };
        for (const auto& [key, value] : sync_keys) report.config.push_back({key, value, config.set_local(key, value)});
    }

    report.hooks_dir = hooks_dir(workspace.repo, config);
    if (report.mode == Mode::inline_mode) {
        report.hooks = install_hooks(report.hooks_dir, diagnostics);
        if (inside(report.hooks_dir, workspace.repo.workdir) && !inside(report.hooks_dir, workspace.repo.common_dir)) {
            diagnostics.warn("core.hooksPath puts the hooks inside the worktree (" + report.hooks_dir.string() +
                             "); git-td's hooks and any hook moved aside show up in git status there");
        }
    } else {
        // Branch mode keeps the tree off the code branches: no hook may export into them.
        report.hooks = uninstall_hooks(report.hooks_dir, diagnostics);
    }

    // Last, once the clone is set up: a bad record in the tree stops init
    // here with everything else done, and no database (a rerun retries).
    if (exchange::database_missing(workspace)) {
        report.tree_imported = report.mode == Mode::inline_mode;
        exchange::ImportOptions import_options;
        import_options.progress = options.progress;
        const exchange::ImportReport imported =
            exchange::create_workspace_database(workspace, report.tree_imported, import_options, diagnostics);
        report.database_created = true;
        report.records_imported = imported.count(exchange::ImportAction::insert);
        report.records_postponed = imported.count(exchange::ImportAction::postponed);
    }
    return report;
}

UninstallReport uninstall_clone(const exchange::Workspace& workspace, Diagnostics& diagnostics) {
    UninstallReport report;
    git::Config config(workspace.git);
    report.hooks_dir = hooks_dir(workspace.repo, config);
    report.hooks = uninstall_hooks(report.hooks_dir, diagnostics);
    const tree::WorkingTree tree = exchange::working_tree(workspace);
    const std::string attributes =
        (workspace.export_dir / attributes_name).lexically_relative(workspace.repo.workdir).generic_string();
    report.attributes_shared = git::is_tracked(workspace.git, attributes);
    if (!report.attributes_shared) report.attributes_changed = uninstall_record_attributes(tree);
    report.config = remove_clone_config(config);
    return report;
}

}  // namespace gittd::setup
