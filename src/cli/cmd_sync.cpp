// git td sync: td's database shared through a branch of any git remote
// (exchange/sync.hpp); the checkout is never touched.
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "gittd/exchange/sync.hpp"
#include "gittd/exchange/workspace.hpp"

namespace gittd::cli {

namespace {

struct SyncArguments {
    std::string remote, branch;
    bool no_push = false, dry_run = false, force = false, rejoin = false;
};

std::string summary(const exchange::Workspace& workspace, const exchange::SyncReport& report, bool dry_run) {
    const auto short_id = [&](const std::optional<git::ObjectId>& id) {
        return id ? workspace.git.short_id(*id) : std::string("(none)");
    };
    std::string text;
    const std::string verb = dry_run ? "would " : "";
    text += (dry_run ? std::string("td would commit ") : std::string("td's changes: ")) +
            std::to_string(report.exported.written + report.exported.removed) + " file(s)" +
            (report.exported_commit ? " in " + short_id(report.exported_commit) : std::string()) + "\n";
    text += "remote " + report.remote + " " + report.branch + ": " +
            (report.remote_tip ? short_id(report.remote_tip) : std::string("no such branch yet")) + " (" +
            exchange::to_string(report.merge) + ")\n";
    if (report.merge == exchange::SyncMergeKind::merged || report.merge == exchange::SyncMergeKind::joined) {
        const exchange::SyncMergeReport& m = report.merged;
        text += verb + "merge: " + std::to_string(m.taken) + " file(s) taken, " + std::to_string(m.merged) +
                " merged field by field, " + std::to_string(m.kept_edits) + " edit(s) kept over a removal, " +
                std::to_string(m.rekeyed) + " re-keyed, " + std::to_string(m.set_aside) + " value(s) set aside\n";
    }
    if (dry_run) return text;
    text += "imported: " + std::to_string(report.imported.changes.size()) + " record(s) changed in td\n";
    text += report.branch + " at " + short_id(report.tip) +
            (report.pushed                                   ? ", pushed"
             : report.tip && report.tip == report.remote_tip ? ", remote up to date"
                                                             : ", not pushed");
    return text;
}

}  // namespace

void register_sync(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand(
        "sync",
        "Share td's database through a branch of a git remote: fetch, export and commit, merge in memory, push, "
        "import (the working tree, index and current branch are never touched)");
    auto args = std::make_shared<SyncArguments>();
    command->add_option("remote", args->remote, "Remote name, URL or path (default: git-td.remote, else origin)");
    command->add_option("--branch", args->branch, "Sync branch (default: git-td.branch, else td-sync)");
    command->add_flag("--no-push", args->no_push, "Merge and import, but do not push");
    command->add_flag("--dry-run", args->dry_run, "Fetch, then say what would be committed and merged; change nothing");
    command->add_flag("--force", args->force, "Let the import delete more than half of the records");
    command->add_flag("--rejoin", args->rejoin,
                      "Join the remote's branch as a first sync would (after it was replaced by unrelated history)");
    command->footer("Example:\n  git td init --mode branch && git td sync origin\n  git td sync --dry-run");
    command->callback([&options, args] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        exchange::SyncOptions sync;
        if (!args->remote.empty()) sync.remote = args->remote;
        if (!args->branch.empty()) sync.branch = args->branch;
        sync.push = !args->no_push;
        sync.dry_run = args->dry_run;
        sync.force = args->force;
        sync.rejoin = args->rejoin;
        ProgressBar bar(output);
        sync.progress = bar.callback();
        const exchange::SyncReport report = exchange::sync_workspace(workspace, sync, diagnostics);
        bar.finish();
        if (report.database_created) output.note("created td's database " + workspace.database.string());
        output.say(summary(workspace, report, args->dry_run));
        const auto hex = [](const std::optional<git::ObjectId>& id) { return id ? id->hex() : std::string(); };
        format::Document changes = format::Document::array();
        for (const exchange::RecordChange& change : report.imported.changes) {
            if (!output.json()) break;  // a full import's 240k documents, for nothing
            changes.push_back({{"kind", change.folder},
                               {"id", change.id},
                               {"action", std::string(exchange::action_name(change.action))}});
        }
        format::Document steps = format::Document::array();
        for (const merge::ResolveStep& step : report.merged.steps) {
            steps.push_back({{"path", step.path}, {"action", step.action}, {"detail", step.detail}});
        }
        output.finish({{"remote", report.remote},
                       {"branch", report.branch},
                       {"dry_run", args->dry_run},
                       {"exported_commit", hex(report.exported_commit)},
                       {"written", report.exported.written_paths},
                       {"removed", report.exported.removed_paths},
                       {"remote_tip", hex(report.remote_tip)},
                       {"merge", exchange::to_string(report.merge)},
                       {"merge_steps", steps},
                       {"set_aside", report.merged.set_aside},
                       {"imported", changes},
                       {"tip", hex(report.tip)},
                       {"pushed", report.pushed},
                       {"rounds", report.rounds},
                       {"seconds",
                        {{"fetch", report.fetch_seconds},
                         {"export", report.export_seconds},
                         {"merge", report.merge_seconds},
                         {"import", report.import_seconds},
                         {"push", report.push_seconds}}},
                       {"database_created", report.database_created}},
                      diagnostics);
    });
}

}  // namespace gittd::cli
