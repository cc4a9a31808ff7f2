// git td commit: td's state onto HEAD, nothing else (exchange/td_commit.hpp).
#include "cli/commands.hpp"
#include "gittd/exchange/td_commit.hpp"
#include "gittd/exchange/workspace.hpp"

namespace gittd::cli {

void register_commit(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand(
        "commit",
        "Export td's database and commit only .todos/export/ onto HEAD (no hooks; other staged and unstaged "
        "changes stay as they are)");
    auto message = std::make_shared<std::string>("Update td's task state");
    command->footer(
        "Examples:\n  git td commit                      (td's state onto HEAD, nothing else)\n"
        "  git td commit -m \"Close the login bugs\"");
    command->add_option("-m,--message", *message, "Commit message (default: \"Update td's task state\")");
    command->callback([&options, message] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        const exchange::TdCommitReport report = exchange::commit_td_state(workspace, *message, diagnostics);
        if (report.commit) {
            output.say("committed " + workspace.git.short_id(*report.commit) + " (" +
                       std::to_string(report.files_changed) + " files of .todos/export changed)");
        } else {
            output.say("nothing to commit: HEAD already holds td's state");
        }
        output.finish({{"commit", report.commit ? report.commit->hex() : std::string()},
                       {"files_changed", report.files_changed},
                       {"written", report.exported.written_paths},
                       {"removed", report.exported.removed_paths}},
                      diagnostics);
    });
}

}  // namespace gittd::cli
