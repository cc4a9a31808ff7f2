// git td schema: prints (or writes) the JSON Schema of each exported kind, the
// same files as schema/ in the source tree.
#include <iostream>

#include "cli/commands.hpp"
#include "gittd/format/json_schema.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::cli {

void register_schema(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand("schema", "Print the JSON Schema of an exported kind, or write all of them");
    auto folder = std::make_shared<std::string>();
    auto out_dir = std::make_shared<std::string>();
    command->footer("Examples:\n  git td schema issues\n  git td schema --write schemas/");
    command->add_option("kind", *folder, "Kind folder name, e.g. issues, logs, board_positions");
    command->add_option("--write", *out_dir, "Write <kind>.schema.json for every kind into DIR")->type_name("DIR");
    command->callback([&options, folder, out_dir] {
        enter_start_directory(options);
        if (!out_dir->empty()) {
            for (const model::Kind& kind : model::all_kinds()) {
                write_file_atomic(std::filesystem::path(*out_dir) / (std::string(kind.folder) + ".schema.json"),
                                  format::json_schema_for(kind).dump(2) + "\n");
            }
            return;
        }
        const model::Kind* kind = model::kind_by_folder(*folder);
        if (!kind) {
            std::string names;
            for (const model::Kind& k : model::all_kinds()) names += " " + std::string(k.folder);
            throw Error(ErrorCode::usage, "unknown kind '" + *folder + "'; one of:" + names);
        }
        std::cout << format::json_schema_for(*kind).dump(2) << "\n";
    });
}

}  // namespace gittd::cli
