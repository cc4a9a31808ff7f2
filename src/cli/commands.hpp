#pragma once
// One file per command (cmd_<name>.cpp); each registers its subcommand and
// the function that runs it. CLI11 stays in src/cli.
#include <CLI/CLI.hpp>

#include "cli/output.hpp"

namespace gittd::cli {

void register_init(CLI::App& app, const GlobalOptions& options);
void register_export(CLI::App& app, const GlobalOptions& options);
void register_import(CLI::App& app, const GlobalOptions& options);
void register_schema(CLI::App& app, const GlobalOptions& options);

}  // namespace gittd::cli
