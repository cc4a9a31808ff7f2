// git td init: makes the export tree visible to git and records its format.
// (Merge driver config, .gitattributes and hooks come with the merge-driver work.)
#include "cli/commands.hpp"
#include "gittd/sync/gitignore.hpp"
#include "gittd/sync/tree_config.hpp"
#include "gittd/sync/workspace.hpp"

namespace gittd::cli {

void register_init(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand(
        "init", "Set up git-td here: write .todos/export/git-td.yaml and re-include the "
                "export tree in .gitignore");
    auto format_name = std::make_shared<std::string>();
    command->add_option("--format", *format_name, "Tree format for a new tree: yaml (default) or json")
        ->check(CLI::IsMember({"yaml", "json"}));
    command->callback([&options, format_name] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const sync::Workspace workspace = sync::locate_workspace(".", options.database);
        std::optional<sync::TreeConfig> config = sync::read_tree_config(workspace.export_dir);
        const bool had_config = config.has_value();
        if (!config) config = sync::TreeConfig{};
        if (!format_name->empty()) {
            const auto requested = *format::format_from_name(*format_name);
            if (had_config && requested != config->format) {
                diagnostics.warn("the tree is already " + std::string(format::extension(config->format)) +
                                 "; switch it with 'git td export --" + *format_name + "'");
            } else {
                config->format = requested;
            }
        }
        if (!had_config) sync::write_tree_config(workspace.export_dir, *config);
        const bool ignore_fixed = sync::fix_gitignore(workspace.repo.workdir);
        output.say(std::string(had_config ? "kept " : "wrote ") + ".todos/export/git-td.yaml (format: " +
                   std::string(format::extension(config->format)) + ")");
        output.say(ignore_fixed ? "rewrote .gitignore so git sees .todos/export/ (td's database stays ignored)"
                                : ".gitignore already lets git see .todos/export/");
        output.finish({{"export_dir", workspace.export_dir.string()},
                       {"format", std::string(format::extension(config->format))},
                       {"config_written", !had_config},
                       {"gitignore_changed", ignore_fixed}},
                      diagnostics);
    });
}

}  // namespace gittd::cli
