#pragma once
// One file per command (cmd_<name>.cpp); each registers its subcommand and
// the function that runs it. CLI11 stays in src/cli.
#include <CLI/CLI.hpp>

#include "cli/output.hpp"

namespace gittd::cli {

void register_init(CLI::App& app, const GlobalOptions& options);
void register_export(CLI::App& app, const GlobalOptions& options);
void register_commit(CLI::App& app, const GlobalOptions& options);
void register_import(CLI::App& app, const GlobalOptions& options);
void register_status(CLI::App& app, const GlobalOptions& options);
void register_diff(CLI::App& app, const GlobalOptions& options);
void register_log(CLI::App& app, const GlobalOptions& options);
void register_conflicts(CLI::App& app, const GlobalOptions& options);
void register_sync(CLI::App& app, const GlobalOptions& options);
void register_schema(CLI::App& app, const GlobalOptions& options);
void register_hook(CLI::App& app, const GlobalOptions& options, int& exit_code);
// Sets exit_code to 1 when it finds a problem: a result, not an error.
void register_doctor(CLI::App& app, const GlobalOptions& options, int& exit_code);
// Sets exit_code to 1 when it leaves anything unresolved.
void register_resolve(CLI::App& app, const GlobalOptions& options, int& exit_code);

}  // namespace gittd::cli
