#include "gittd/tree/tree_config.hpp"

#include "gittd/tree/working_tree.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::tree {

std::optional<TreeConfig> read_tree_config(const RecordSource& source) {
    const auto bytes = source.read_config();
    if (!bytes) return std::nullopt;
    return parse_tree_config(*bytes, source.describe(tree_config_name));
}

TreeConfig parse_tree_config(std::string_view bytes, const std::string& where) {
    const format::Document doc = format::decode(bytes, format::Format::yaml, where);
    TreeConfig config;
    const auto format_it = doc.find("format");
    if (format_it == doc.end() || !format_it->is_string() || !format::format_from_name(format_it->get<std::string>())) {
        throw Error(ErrorCode::invalid_input, where +
                                                  ": 'format' must be yaml or json; fix the file (the record files "
                                                  "say which: .yaml or .json)");
    }
    config.format = *format::format_from_name(format_it->get<std::string>());
    const auto version_it = doc.find("format_version");
    if (version_it == doc.end() || !version_it->is_number_integer()) {
        throw Error(ErrorCode::invalid_input, where + ": 'format_version' must be a number");
    }
    config.format_version = version_it->get<int>();
    if (config.format_version > current_format_version) {
        throw Error(ErrorCode::invalid_input, where + ": format_version " + std::to_string(config.format_version) +
                                                  " was written by a newer git-td; upgrade git-td");
    }
    return config;
}

const std::vector<std::string>& record_attribute_lines() {
    static const std::vector<std::string> lines = {
        "# git-td: td record files merge field by field (git td init; see git-td's README)",
        "*/*.yaml merge=td-record diff=td-record text eol=lf",
        "*/*.json merge=td-record diff=td-record text eol=lf",
    };
    return lines;
}

std::string tree_config_text(const TreeConfig& config) {
    return "# git-td export tree settings; change the format with "
           "'git td export --format yaml' or '--format json'.\n"
           "format: " +
           std::string(format::extension(config.format)) +
           "\nformat_version: " + std::to_string(config.format_version) + "\n";
}

void write_tree_config(const WorkingTree& tree, const TreeConfig& config) {
    const std::string text = tree_config_text(config);
    if (tree.read_config() != text) write_file_in(tree.top(), tree.relative(tree_config_name), text);
}

}  // namespace gittd::tree
