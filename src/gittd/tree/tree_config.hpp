#pragma once
// .todos/export/git-td.yaml: the tree's settings, shared through git. Static:
// written by init and by a format switch, never per export.
#include <filesystem>
#include <string>
#include <vector>

#include "gittd/format/codec.hpp"
#include "gittd/tree/record_source.hpp"

namespace gittd::tree {

inline constexpr int current_format_version = 1;

struct TreeConfig {
    format::Format format = format::Format::yaml;
    int format_version = current_format_version;
};

inline constexpr const char* tree_config_name = "git-td.yaml";
// The tree's own attributes file (setup/attributes.hpp writes it; commits carry it).
inline constexpr const char* attributes_name = ".gitattributes";
// The lines git-td owns in that file, in the order init writes them
// (setup/attributes.hpp); sync's branch starts with exactly these.
const std::vector<std::string>& record_attribute_lines();

class WorkingTree;

// The config of a tree, or nullopt when it has none. Throws, naming the file,
// when it is unreadable, a link, or written by a newer git-td.
std::optional<TreeConfig> read_tree_config(const RecordSource& source);
// The config in `bytes`; `where` names the file in messages.
TreeConfig parse_tree_config(std::string_view bytes, const std::string& where);
void write_tree_config(const WorkingTree& tree, const TreeConfig& config);
std::string tree_config_text(const TreeConfig& config);

}  // namespace gittd::tree
