// git td init [--mode inline|branch] [--format yaml|json] | --uninstall:
// sets this clone up for git-td (setup/init.hpp), creating td's database from
// the tree when the clone has none, or takes that back (never the database).
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "gittd/setup/init.hpp"
#include "gittd/td/database_create.hpp"
#include "gittd/util/process.hpp"

namespace gittd::cli {

namespace {

struct InitFlags {
    std::string mode, format, remote, branch;
    bool uninstall = false;
};

format::Document hook_actions(const std::vector<setup::HookChange>& hooks) {
    format::Document actions = format::Document::object();
    for (const auto& hook : hooks) actions[hook.name] = hook.action;
    return actions;
}

format::Document config_entries(const std::vector<setup::ConfigEntry>& entries) {
    format::Document list = format::Document::array();
    for (const auto& entry : entries)
        list.push_back({{"key", entry.key}, {"value", entry.value}, {"changed", entry.changed}});
    return list;
}

std::string hooks_line(const std::filesystem::path& dir, const std::vector<setup::HookChange>& hooks) {
    std::string line = "hooks in " + dir.string() + ":";
    for (const auto& hook : hooks) {
        line += " " + hook.name + " " +
                (hook.action == "chained" ? "installed (runs " + hook.name + setup::chained_suffix + " first)"
                                          : hook.action) +
                ",";
    }
    line.pop_back();
    return line;
}

std::string database_line(const setup::InitReport& report, const std::string& database) {
    std::string line =
        "created td database " + database + " (schema " + std::to_string(td::created_schema_version) + ")";
    if (!report.tree_imported) return line + "; in branch mode the sync imports the tasks";
    line += " and imported " + std::to_string(report.records_imported) + " records";
    if (report.records_postponed > 0) {
        line += " (" + std::to_string(report.records_postponed) + " wait for a parent the tree does not have)";
    }
    return line;
}

void run_init(const GlobalOptions& options, const InitFlags& flags) {
    const Output output(options);
    Diagnostics diagnostics;
    const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
    setup::InitOptions init_options;
    if (!flags.mode.empty()) init_options.mode = setup::mode_from_name(flags.mode);
    if (!flags.format.empty()) init_options.format = format::format_from_name(flags.format);
    init_options.self = self_executable();
    if (!flags.remote.empty()) init_options.sync_remote = flags.remote;
    if (!flags.branch.empty()) init_options.sync_branch = flags.branch;
    ProgressBar bar(output);
    init_options.progress = bar.callback();
    const setup::InitReport report = setup::init_clone(workspace, init_options, diagnostics);
    bar.finish();

    const std::string format_name(format::extension(report.format));
    output.say(std::string(report.tree_config_written ? "wrote " : "kept ") +
               ".todos/export/git-td.yaml (format: " + format_name + ")");
    output.say(report.gitignore_changed ? "rewrote .gitignore so git sees .todos/export/ (td's database stays ignored)"
                                        : ".gitignore already lets git see .todos/export/");
    output.say(report.attributes_changed ? "wrote .todos/export/.gitattributes (record files merge with td-record)"
                                         : ".todos/export/.gitattributes already sends record files to td-record");
    bool config_changed = false;
    for (const auto& entry : report.config) config_changed |= entry.changed;
    output.say(std::string(config_changed ? "set" : "kept") + " merge.td-record.driver = " + report.driver_command +
               " (in .git/config)");
    output.say("mode: " + setup::mode_name(report.mode) +
               (report.mode == setup::Mode::branch ? " (no hooks: the export tree stays off the code branches)" : ""));
    if (report.mode == setup::Mode::inline_mode || !report.hooks.empty()) {
        output.say(hooks_line(report.hooks_dir, report.hooks));
    }
    const std::string database = shown_path(workspace.database, workspace.repo.workdir);
    if (report.td_root_written) {
        output.say(
            "wrote .td-root: td in this linked worktree uses the main worktree's database (ignored through "
            ".git/info/exclude)");
    }
    if (report.database_created) output.say(database_line(report, database));
    output.finish({{"export_dir", workspace.export_dir.string()},
                   {"format", format_name},
                   {"mode", setup::mode_name(report.mode)},
                   {"config_written", report.tree_config_written},
                   {"gitignore_changed", report.gitignore_changed},
                   {"attributes_changed", report.attributes_changed},
                   {"driver_command", report.driver_command},
                   {"git_config", config_entries(report.config)},
                   {"hooks_dir", report.hooks_dir.string()},
                   {"hooks", hook_actions(report.hooks)},
                   {"database", workspace.database.string()},
                   {"database_created", report.database_created},
                   {"td_root_written", report.td_root_written},
                   {"records_imported", report.records_imported}},
                  diagnostics);
}

void run_uninstall(const GlobalOptions& options) {
    const Output output(options);
    Diagnostics diagnostics;
    const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
    const setup::UninstallReport report = setup::uninstall_clone(workspace, diagnostics);
    if (report.attributes_shared) {
        output.say(
            "kept .todos/export/.gitattributes: git tracks it, so it is everyone's (it turns the merge driver on "
            "in every clone that runs git td init)");
    } else {
        output.say(report.attributes_changed ? "removed git-td's lines from .todos/export/.gitattributes"
                                             : ".todos/export/.gitattributes has no git-td lines");
    }
    std::string removed;
    for (const auto& entry : report.config) {
        if (entry.changed) removed += (removed.empty() ? "" : ", ") + entry.key;
    }
    output.say(removed.empty() ? ".git/config has no git-td keys" : "removed " + removed + " from .git/config");
    output.say(hooks_line(report.hooks_dir, report.hooks));
    output.say(
        "kept .todos/export/ (git-td.yaml and the records) and .gitignore: they are the project's, not this "
        "clone's");
    output.say(
        "to remove them for everyone: 'git rm .todos/export/.gitattributes' (the merge driver goes off in "
        "every clone) or 'git rm -r .todos/export' (the whole shared tree), drop the '!.todos/export/' line from "
        ".gitignore, then commit");
    output.finish({{"export_dir", workspace.export_dir.string()},
                   {"attributes_changed", report.attributes_changed},
                   {"attributes_shared", report.attributes_shared},
                   {"git_config", config_entries(report.config)},
                   {"hooks_dir", report.hooks_dir.string()},
                   {"hooks", hook_actions(report.hooks)}},
                  diagnostics);
}

}  // namespace

void register_init(CLI::App& app, const GlobalOptions& options) {
    auto* command =
        app.add_subcommand("init",
                           "Set up git-td in this clone: export tree settings, .gitignore, .gitattributes, the merge "
                           "driver in .git/config, (inline mode) the hooks, and td's database when the clone has "
                           "none (imported from the tree in inline mode)");
    command->footer(
        "Examples:\n  git td init                                   (inline: tasks travel with the code)\n"
        "  git td init --mode branch --remote origin     (then git td sync)\n  git td init --uninstall");
    auto flags = std::make_shared<InitFlags>();
    auto* mode = command
                     ->add_option("--mode", flags->mode,
                                  "inline (default; hooks export on commit and import after merge, checkout "
                                  "and rebase) or branch (no hooks)")
                     ->check(CLI::IsMember({"inline", "branch"}));
    auto* format_option =
        command->add_option("--format", flags->format, "Tree format for a new tree: yaml (default) or json")
            ->check(CLI::IsMember({"yaml", "json"}));
    auto* remote =
        command->add_option("--remote", flags->remote, "Branch mode: the remote git td sync uses (default: origin)");
    auto* branch =
        command->add_option("--branch", flags->branch, "Branch mode: the branch git td sync uses (default: td-sync)");
    auto* uninstall = command->add_flag("--uninstall", flags->uninstall,
                                        "Remove what init added to this clone (config keys, .gitattributes lines, "
                                        "hooks, restoring hooks it moved aside)");
    uninstall->excludes(mode)->excludes(format_option)->excludes(remote)->excludes(branch);
    command->callback([&options, flags] {
        enter_start_directory(options);
        if (flags->uninstall) {
            run_uninstall(options);
        } else {
            run_init(options, *flags);
        }
    });
}

}  // namespace gittd::cli
