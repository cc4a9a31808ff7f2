#pragma once
// What the merge driver is merging, from git's %P (the path in the
// repository, e.g. `.todos/export/issues/td-a1b2c3.yaml`). The driver reads
// nothing but its arguments, so the path alone decides the kind, the format
// and the id the file must hold.
#include <string>
#include <string_view>

#include "gittd/format/codec.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::tree {

struct RecordPath {
    enum class What {
        record,          // <kind folder>/<safe id>.yaml|json
        other_file,      // not a record: git-td.yaml, .gitattributes, a README
        unknown_folder,  // a folder of the tree that is no kind (import refuses it too)
        bad_name,        // a .yaml/.json file in a kind folder not named <safe id>.<ext>
    };
    What what = What::other_file;
    const model::Kind* kind = nullptr;  // for record
    format::Format format = format::Format::yaml;
    std::string id;      // for record: the file name without its extension
    std::string folder;  // the file's folder name
};

// Files directly in the tree (`.todos/export/` or, for a tree kept at the top
// of its own branch, the top) are tree files, not records; files with another
// extension in a kind folder are left alone by import, so they are not
// records either.
RecordPath classify_path(std::string_view path);

}  // namespace gittd::tree
