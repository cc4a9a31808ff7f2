#pragma once
// The record files of a tree that hold git's conflict markers: left by a
// clone or host that merged without the driver, or committed by hand. Import
// refuses such a file; `git td resolve` and `git td doctor` name each one
// with the line of its first marker, for a person to fix.
#include <string>
#include <vector>

#include "gittd/tree/record_source.hpp"

namespace gittd::tree {

struct MarkedFile {
    std::string path;  // relative to the export tree, e.g. issues/td-a1b2c3.yaml
    size_t line = 0;   // of the first marker
};

struct MarkerScan {
    size_t files = 0;                // record files looked at
    std::vector<MarkedFile> marked;  // in kind order, then by name
};

// Reads every record file (either format) of every kind folder. Throws Error
// for a file that cannot be read.
MarkerScan scan_conflict_markers(const RecordSource& source);

}  // namespace gittd::tree
