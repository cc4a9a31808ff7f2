#pragma once
// The one path rule of the export tree: a record of kind K with id I lives at
// `<K's folder>/<I>.<yaml|json>`, and nothing else in a kind folder is a
// record. Both directions are here: from a record to its file name, and from
// a path (git's %P in the merge driver, a path in the index or a listing) to
// the kind, id and format it names, so a path alone decides what the file must
// hold.
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

// `<id>.<yaml|json>`.
std::string record_file_name(std::string_view id, format::Format format);
// `<folder>/<id>.<ext>`, relative to the export tree.
std::string record_path(const model::Kind& kind, std::string_view id, format::Format format);

// A file name in a kind folder split at its last dot: the id and the
// extension without the dot ("" when there is none).
struct FileName {
    std::string_view stem, extension;
};
FileName split_file_name(std::string_view name);
// Whether `extension` (without the dot) is that of a record in either format.
bool is_record_extension(std::string_view extension);

}  // namespace gittd::tree
