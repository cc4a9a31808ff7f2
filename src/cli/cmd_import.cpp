// git td import: .todos/export/ -> td's database, three-way against the base.
// Where the clone has no td database yet, it is created first (schema 38, as
// `td init` would) and the tree imported into it; stderr says so.
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "gittd/db/td_database.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/td/database_create.hpp"

namespace gittd::cli {

namespace {
struct ImportFlags {
    bool dry_run = false, force = false;
    std::string td_export;
};
}  // namespace

void register_import(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand("import", "Merge .todos/export/ into td's database (three-way, per record)");
    auto flags = std::make_shared<ImportFlags>();
    command->footer(
        "Examples:\n  git td import --dry-run     (what a pull brought into the tree)\n  git td import\n"
        "  git td import --from-td-export backup.json");
    command->add_flag("--dry-run", flags->dry_run, "Say what would change; change nothing");
    command->add_flag("--force", flags->force, "Allow an import that deletes more than half of the records");
    command
        ->add_option("--from-td-export", flags->td_export, "Import the JSON file 'td export' wrote instead of the tree")
        ->type_name("FILE");
    command->callback([&options, flags] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        exchange::ImportOptions import_options;
        import_options.dry_run = flags->dry_run;
        import_options.force = flags->force;
        ProgressBar bar(output);
        import_options.progress = bar.callback();
        // A clone without td's database (a fresh clone) gets one, made as
        // `td init` would; the tree is imported into it before it appears.
        const bool create = exchange::database_missing(workspace) && !(flags->dry_run && !flags->td_export.empty());
        const std::string shown = shown_path(workspace.database, workspace.repo.workdir);
        const exchange::ImportReport report = [&] {
            if (flags->td_export.empty()) {
                if (create) return exchange::create_workspace_database(workspace, true, import_options, diagnostics);
                return exchange::import_workspace(workspace, import_options, diagnostics);
            }
            if (create) exchange::create_workspace_database(workspace, false, import_options, diagnostics);
            db::TdDatabase database = db::TdDatabase::open(workspace.database);
            return exchange::import_td_export(database, flags->td_export, import_options, diagnostics);
        }();
        bar.finish();
        if (create) {
            const std::string schema = " (schema " + std::to_string(td::created_schema_version) + ")";
            output.note(flags->dry_run ? "no td database at " + shown + ": would create it" + schema +
                                             " and import the tree into it"
                                       : "no td database at " + shown + ": created it" + schema +
                                             (flags->td_export.empty() ? " and imported the tree into it"
                                                                       : " before importing " + flags->td_export));
        }
        format::Document changes = format::Document::array();
        for (const auto& change : report.changes) {
            const std::string action(exchange::action_name(change.action));
            // Only for --json: 240k small documents otherwise outweigh the import itself.
            if (output.json()) changes.push_back({{"kind", change.folder}, {"id", change.id}, {"action", action}});
            if (flags->dry_run || change.action != exchange::ImportAction::update) {
                output.say((flags->dry_run ? "would " : "") + action + " " + change.folder + "/" + change.id);
            }
        }
        const std::string verb = flags->dry_run ? "would change " : "changed ";
        output.say(verb + std::to_string(report.changes.size()) + " records (" +
                   std::to_string(report.count(exchange::ImportAction::insert)) + " new, " +
                   std::to_string(report.count(exchange::ImportAction::update)) + " updated, " +
                   std::to_string(report.count(exchange::ImportAction::merge)) + " merged, " +
                   std::to_string(report.count(exchange::ImportAction::remove) +
                                  report.count(exchange::ImportAction::soft_delete)) +
                   " deleted); " +
                   (flags->td_export.empty()
                        ? "read " + std::to_string(report.files_read) + " of " + std::to_string(report.files) + " files"
                        : "read " + std::to_string(report.files) + " records from " + flags->td_export));
        output.finish({{"database", workspace.database.string()},
                       {"database_created", create && !flags->dry_run},
                       {"dry_run", flags->dry_run},
                       {"files", report.files},
                       {"files_read", report.files_read},
                       {"new_conflicts", report.new_conflicts},
                       {"changes", changes}},
                      diagnostics);
    });
}

}  // namespace gittd::cli
