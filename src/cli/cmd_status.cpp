// git td status: records changed since the base, in td, in the tree, or in
// both (exchange/record_status.hpp), like `git status --short`.
#include "cli/commands.hpp"
#include "gittd/exchange/record_status.hpp"
#include "gittd/exchange/workspace.hpp"

namespace gittd::cli {

namespace {

std::string line_of(const exchange::RecordStatus& status) {
    std::string line{exchange::side_change_letter(status.database), exchange::side_change_letter(status.tree), ' '};
    line += status.folder + "/" + status.id;
    const bool plain_import = status.import_action == exchange::ImportAction::insert ||
                              status.import_action == exchange::ImportAction::update ||
                              status.import_action == exchange::ImportAction::remove ||
                              status.import_action == exchange::ImportAction::soft_delete;
    if (status.import_action && !plain_import)
        line += "  (import: " + std::string(exchange::action_name(*status.import_action)) + ")";
    return line;
}

std::string summary(const std::vector<exchange::RecordStatus>& records) {
    size_t database_only = 0, tree_only = 0, both = 0;
    for (const exchange::RecordStatus& status : records) {
        const bool in_database = status.database != exchange::SideChange::none;
        const bool in_tree = status.tree != exchange::SideChange::none;
        both += in_database && in_tree;
        database_only += in_database && !in_tree;
        tree_only += in_tree && !in_database;
    }
    if (records.empty()) return "nothing changed: td's database and .todos/export agree";
    return std::to_string(database_only) + " changed in td ('git td export' writes them), " +
           std::to_string(tree_only) + " in the tree ('git td import' reads them), " + std::to_string(both) +
           " in both (import settles them; see each line)";
}

}  // namespace

void register_status(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand(
        "status",
        "Records changed since td's database and .todos/export last agreed: first column td's side, second the "
        "tree's (A added, M modified, D deleted)");
    command->footer("Example:\n  git td status   ->   ' M issues/td-a1b2c3'   (edited in the tree: import reads it)");
    command->callback([&options] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        const std::vector<exchange::RecordStatus> records = exchange::workspace_status(workspace, diagnostics);
        format::Document listed = format::Document::array();
        for (const exchange::RecordStatus& status : records) {
            output.say(line_of(status));
            listed.push_back(
                {{"kind", status.folder},
                 {"id", status.id},
                 {"database", std::string(exchange::side_change_name(status.database))},
                 {"tree", std::string(exchange::side_change_name(status.tree))},
                 {"import",
                  status.import_action ? std::string(exchange::action_name(*status.import_action)) : std::string()}});
        }
        output.say(summary(records));
        output.finish({{"records", std::move(listed)}}, diagnostics);
    });
}

}  // namespace gittd::cli
