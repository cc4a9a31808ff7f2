// git td export: td's database -> .todos/export/, one canonical file per record.
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "gittd/db/td_database.hpp"
#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/workspace.hpp"

namespace gittd::cli {

namespace {

struct ExportFlags {
    std::string format;  // empty: keep the tree's
    bool full = false, dry_run = false, force = false;
};

std::string summary(const exchange::ExportReport& report, bool dry_run) {
    std::string text = std::to_string(report.records) + " records; " + (dry_run ? "would write " : "wrote ") +
                       std::to_string(report.written) + ", " + (dry_run ? "would remove " : "removed ") +
                       std::to_string(report.removed) + " (" + std::string(format::extension(report.format)) + ")";
    return text;
}

}  // namespace

void register_export(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand("export", "Write td's database to .todos/export/ (one file per record)");
    auto flags = std::make_shared<ExportFlags>();
    command->add_option("--format", flags->format, "Switch the tree to this format (rewrites every file)")
        ->type_name("yaml|json")
        ->check(CLI::IsMember({"yaml", "json"}));
    // Before issue 11, --yaml and --json switched the format; --json is now
    // JSON output, as on every command, and --yaml says what replaced it.
    command
        ->add_flag_callback("--yaml",
                            [] {
                                throw CLI::ValidationError(
                                    "--yaml",
                                    "no longer switches the tree's format: use 'git td export --format "
                                    "yaml' (and --format json; --json now asks for JSON output)");
                            })
        ->group("");
    command->footer(
        "Examples:\n  git td export                  (what changed in td since the last export)\n"
        "  git td export --dry-run --json\n  git td export --format json    (switch the tree to JSON files)");
    command->add_flag("--full", flags->full,
                      "Distrust file and database stamps: convert every row and compare every file");
    command->add_flag("--dry-run", flags->dry_run, "Say what would change; change nothing");
    command->add_flag("--force", flags->force, "Export an empty database over a non-empty tree");
    command->callback([&options, flags] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        exchange::ExportOptions export_options;
        export_options.full = flags->full;
        if (flags->format == "yaml") export_options.switch_format = format::Format::yaml;
        if (flags->format == "json") export_options.switch_format = format::Format::json;
        export_options.dry_run = flags->dry_run;
        export_options.force = flags->force;
        ProgressBar bar(output);
        export_options.progress = bar.callback();
        const exchange::ExportReport report = exchange::export_workspace(workspace, export_options, diagnostics);
        bar.finish();
        if (!report.awaiting_import.empty()) {
            diagnostics.warn(std::to_string(report.awaiting_import.size()) +
                             " record files changed in the tree since the last import and were left alone "
                             "(e.g. " +
                             report.awaiting_import.front() + "); run 'git td import' to merge them");
        }
        if (!report.missing_from_tree.empty()) {
            diagnostics.warn(
                std::to_string(report.missing_from_tree.size()) +
                " records are missing from the tree and were not written back (e.g. " +
                report.missing_from_tree.front() +
                "): a record file removed from the tree is a removal that awaits import. Run "
                "'git td import' to apply the removal (records git never had come back with the next export), "
                "or 'git td export --full' to write them back");
        }
        if (flags->dry_run) {
            for (const auto& path : report.written_paths) output.say("would write " + path);
            for (const auto& path : report.removed_paths) output.say("would remove " + path);
        }
        output.say(summary(report, flags->dry_run));
        format::Document kinds = format::Document::object();
        for (const auto& k : report.kinds) {
            kinds[k.folder] = {{"records", k.records}, {"written", k.written}, {"removed", k.removed}};
        }
        output.finish({{"export_dir", workspace.export_dir.string()},
                       {"database", workspace.database.string()},
                       {"format", std::string(format::extension(report.format))},
                       {"dry_run", flags->dry_run},
                       {"records", report.records},
                       {"written", report.written_paths},
                       {"removed", report.removed_paths},
                       {"awaiting_import", report.awaiting_import},
                       {"missing_from_tree", report.missing_from_tree},
                       {"database_unchanged", report.database_unchanged},
                       {"database_read", report.database_read},
                       {"kinds", kinds}},
                      diagnostics);
    });
}

}  // namespace gittd::cli
