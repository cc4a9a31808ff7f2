// git-td: share a td task database through git. `git td <command>` runs this
// binary. Stages: parse the command line, run one command, report its result
// or its single error (the only catch in the program), exit 0/1/2.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "cli/commands.hpp"
#include "gittd/util/error.hpp"

namespace {

int run(int argc, char** argv) {
    using namespace gittd::cli;
    GlobalOptions options;
    int exit_code = 0;  // a command's result that is not an error (doctor's findings)
    CLI::App app{"git-td: share a td task database through git, one file per record", "git-td"};
    app.set_version_flag("--version", std::string("git-td ") + GITTD_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("-C", options.directory, "Run as if started in DIR")->type_name("DIR");
    app.add_option("--db", options.database, "td database (default: .todos/issues.db, found as td does)")
        ->type_name("PATH");
    app.add_flag("--json", options.json, "One JSON document on stdout; errors as {\"error\":{...}}");
    app.add_option("--output", options.output, "Output style: text or json")->check(CLI::IsMember({"text", "json"}));

    register_init(app, options);
    register_export(app, options);
    register_import(app, options);
    register_status(app, options);
    register_diff(app, options);
    register_log(app, options);
    register_conflicts(app, options);
    register_commit(app, options);
    register_sync(app, options);
    register_schema(app, options);
    register_hook(app, options, exit_code);
    register_doctor(app, options, exit_code);
    register_resolve(app, options, exit_code);

    const Output output(options);
    try {
        app.parse(argc, argv);
        return exit_code;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        // `git td --help` opens git's man page lookup, not ours: point at -h.
        std::string message = std::string(e.what()) + " (see git td -h)";
        // `git td diff --db` reads as "the database against the tree", which
        // is `git td diff` with no range: --db is the global database option.
        const bool diff_command = std::find(argv + 1, argv + argc, std::string_view("diff")) != argv + argc;
        if (diff_command && message.starts_with("--db")) {
            message +=
                "; 'git td diff' with no range already compares td's database with the tree, and "
                "--db PATH names another database";
        }
        const std::vector<std::string> unparsed = app.remaining();
        if (app.get_subcommands().empty() && !unparsed.empty() && unparsed.front().rfind('-', 0) != 0) {
            std::string names;
            for (const CLI::App* command : app.get_subcommands({}))
                names += (names.empty() ? "" : ", ") + command->get_name();
            message =
                "'" + unparsed.front() + "' is not a git td command; the commands are " + names + " (see git td -h)";
        }
        return report_error(output, "usage", message, 2);
    } catch (const gittd::Error& e) {
        return report_error(output, gittd::to_string(e.code()), e.what(), gittd::exit_code_for(e.code()));
    } catch (const std::exception& e) {
        return report_error(output, "internal", std::string("unexpected: ") + e.what(), 1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) {
        // Only a failure while building the command line itself (out of
        // memory) gets here: run() reports every error of a command.
        std::fputs("git-td: error: cannot start: unexpected failure\n", stderr);
        return 1;
    }
}
