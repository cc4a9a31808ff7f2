#pragma once
// .todos/export/.gitattributes: the lines that send record files to the
// td-record merge driver and keep them LF text. Shared through git, so every
// clone (and the git host's line merge) sees the same attributes; only the
// driver command itself stays per clone (clone_config.hpp).
//
// The patterns are `*/*.yaml` and `*/*.json`: a pattern with a slash is
// anchored to the directory of the .gitattributes file, so they match exactly
// the record files in the kind folders, and neither git-td.yaml nor this file
// itself (a bare `*` would, and the driver cannot merge those).
#include <filesystem>
#include <string>
#include <vector>

#include "gittd/tree/tree_config.hpp"
#include "gittd/tree/working_tree.hpp"

namespace gittd::setup {

using tree::attributes_name;
using tree::record_attribute_lines;

// `text` with every missing line of ours appended (after a newline).
std::string with_record_attributes(const std::string& text);
// `text` without any line of ours; everything else byte for byte.
std::string without_record_attributes(const std::string& text);
// Whether every line of ours is present.
bool has_record_attributes(const std::string& text);

// Applied to the tree's .gitattributes (a link there is refused); true when the file changed.
// Uninstall removes the file when nothing else is left in it.
bool install_record_attributes(const tree::WorkingTree& tree);
bool uninstall_record_attributes(const tree::WorkingTree& tree);

}  // namespace gittd::setup
