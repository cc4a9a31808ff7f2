// git td resolve: finishes a merge of the export tree that git made without
// the merge driver (sync/resolver.hpp), stages what it resolves, reports what
// it leaves, and exits 1 when anything is left. Touches no td database.
#include <memory>

#include "cli/commands.hpp"
#include "gittd/exchange/resolver.hpp"

namespace gittd::cli {

namespace {

// git runs no post-merge hook for a merge concluded by `git commit`, so the
// import is the user's to run.
constexpr const char* next_steps =
    "then conclude the merge (git commit, or git rebase --continue / git cherry-pick --continue) and run "
    "'git td import' to bring the result into td";

}  // namespace

void register_resolve(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* command = app.add_subcommand(
        "resolve",
        "Finish a merge of .todos/export made without the merge driver: re-merge conflicted records, "
        "resolve modify/delete, re-key id collisions, report leftover conflict markers");
    auto dry_run_flag = std::make_shared<bool>(false);
    command->footer(
        "Example (after a merge made with merge.td-record unset stopped on .todos/export):\n"
        "  git td resolve --dry-run\n  git td resolve && git commit");
    command->add_flag("--dry-run", *dry_run_flag, "List what would be done; change no file and not the index");
    command->callback([&options, &exit_code, dry_run_flag] {
        const bool dry_run = *dry_run_flag;
        enter_start_directory(options);
        const Output output(options);
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        const exchange::ResolveReport report = exchange::resolve_merge(workspace, dry_run);

        format::Document steps = format::Document::array();
        for (const exchange::ResolveStep& s : report.steps) {
            const std::string where = s.line ? s.path + ":" + std::to_string(s.line) : s.path;
            output.say(std::string(s.resolved ? (dry_run ? "would  " : "done   ") : "LEFT   ") + s.action + "  " +
                       where + ": " + s.detail);
            format::Document step = {
                {"path", s.path}, {"action", s.action}, {"detail", s.detail}, {"resolved", s.resolved}};
            if (s.line) step["line"] = s.line;
            steps.push_back(std::move(step));
        }
        const size_t resolved = report.steps.size() - report.unresolved;
        if (report.steps.empty()) {
            output.say("nothing to resolve in .todos/export");
        } else if (report.unresolved > 0) {
            output.say(std::to_string(report.unresolved) + " left for you (above); fix them, 'git add' them, " +
                       next_steps);
        } else {
            output.say(std::string(dry_run ? "dry run: nothing changed; without --dry-run, resolve would stage "
                                             "the files above, "
                                           : "all resolved and staged; ") +
                       next_steps);
        }
        output.finish({{"ok", report.unresolved == 0},
                       {"dry_run", dry_run},
                       {"resolved", resolved},
                       {"unresolved", report.unresolved},
                       {"steps", steps},
                       {"next", next_steps}},
                      Diagnostics{});
        exit_code = report.unresolved == 0 ? 0 : 1;
    });
}

}  // namespace gittd::cli
