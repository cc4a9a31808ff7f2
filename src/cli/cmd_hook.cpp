// git td hook NAME [ARGS]: what the shims in hooks/ run (setup/hook_run.hpp).
// A hook must never block git because of a td problem, so this command is the
// one place besides main that catches: every error becomes a warning that
// names the command to run by hand, and the exit status is 0. One exception:
// a symbolic link in the export tree (ErrorCode::untrusted) makes the
// pre-commit hook exit 1, and its shim stops the commit (docs/decisions.md 53).
#include <iostream>

#include "cli/commands.hpp"
#include "gittd/git/tls_certificates.hpp"
#include "gittd/setup/hook_run.hpp"
#include "gittd/util/error.hpp"

namespace gittd::cli {

namespace {

struct HookArgs {
    std::string name;
    std::vector<std::string> args;
};

std::string by_hand(const std::string& hook) {
    return setup::hook_task(hook, {"", "", "1"}) == setup::HookTask::export_and_stage ? "git td export"
                                                                                      : "git td import";
}

void report(const Output& output, const setup::HookOutcome& outcome) {
    if (outcome.exported && outcome.exported->written + outcome.exported->removed > 0) {
        output.say("git-td: exported td's changes to .todos/export/ (" + std::to_string(outcome.exported->written) +
                   " written, " + std::to_string(outcome.exported->removed) + " removed) and staged them");
    }
    if (outcome.imported && !outcome.imported->changes.empty()) {
        const auto& imported = *outcome.imported;
        output.say("git-td: imported .todos/export/ into td: " +
                   std::to_string(imported.count(exchange::ImportAction::insert)) + " new, " +
                   std::to_string(imported.count(exchange::ImportAction::update)) + " updated, " +
                   std::to_string(imported.count(exchange::ImportAction::merge)) + " merged, " +
                   std::to_string(imported.count(exchange::ImportAction::remove) +
                                  imported.count(exchange::ImportAction::soft_delete)) +
                   " deleted");
    }
}

format::Document document(const setup::HookOutcome& outcome, const std::string& failed) {
    format::Document result = {{"skipped", outcome.skipped}, {"failed", failed}};
    if (outcome.exported) {
        result["exported"] = {{"written", outcome.exported->written_paths},
                              {"removed", outcome.exported->removed_paths},
                              {"staged", outcome.staged}};
    }
    if (outcome.imported) {
        format::Document changes = format::Document::array();
        for (const auto& change : outcome.imported->changes) {
            changes.push_back(
                {{"kind", change.folder}, {"id", change.id}, {"action", exchange::action_name(change.action)}});
        }
        result["imported"] = changes;
    }
    return result;
}

}  // namespace

void register_hook(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* command = app.add_subcommand(
        "hook",
        "Run git-td's part of a git hook (the scripts 'git td init' installs call it); fails only on a link in the "
        "export tree");
    auto args = std::make_shared<HookArgs>();
    command->footer("Example (what .git/hooks/post-merge runs):\n  git td hook post-merge 0");
    command->add_option("name", args->name, "pre-commit, post-commit, post-merge, post-checkout or post-rewrite")
        ->required();
    command->add_option("args", args->args, "The arguments git gave the hook");
    command->callback([&options, args, &exit_code] {
        const Output output(options);
        Diagnostics diagnostics;
        setup::HookOutcome outcome;
        std::string failed;
        try {
            // A hook opens no connection: libgit2 need not read the CA bundle
            // (tls_certificates.hpp), the largest part of a hook's own time.
            git::skip_tls_certificates();
            enter_start_directory(options);
            outcome = setup::run_hook(args->name, args->args, options.database, diagnostics);
            report(output, outcome);
        } catch (const Error& e) {
            failed = e.what();
            const std::string hand = by_hand(args->name);
            if (e.code() == ErrorCode::untrusted) {
                const bool stops = setup::hook_task(args->name, args->args) == setup::HookTask::export_and_stage;
                diagnostics.warn(args->name + " hook: " + failed +
                                 (stops ? "; the commit is stopped: it would carry a tree git-td refuses"
                                        : "; git went on, td was not updated"));
                if (stops) exit_code = 1;
                output.finish(document(outcome, failed), diagnostics);
                return;
            }
            diagnostics.warn(args->name + " hook: " + failed +
                             (e.code() == ErrorCode::guard
                                  ? "; git went on (if this is really meant, run '" + hand + " --force' by hand)"
                                  : "; git went on (once that is fixed, run '" + hand + "' by hand)"));
        } catch (const std::exception& e) {
            failed = e.what();
            diagnostics.warn(args->name + " hook: unexpected: " + failed + "; git went on (run '" +
                             by_hand(args->name) + "' by hand)");
        }
        output.finish(document(outcome, failed), diagnostics);
    });
}

}  // namespace gittd::cli
