#pragma once
// The first step of an import: which records of a tree changed since the
// base. A file whose stamp is the base's is not read at all; every other file
// is read and checked (syntax, conflict markers, types, the id against the
// file name), so any problem is reported, naming the file and line, before
// the database is touched.
#include <optional>
#include <string>
#include <vector>

#include "gittd/exchange/base_store.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_source.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::exchange {

// One record whose tree file changed (or vanished) since base.
struct TreeChange {
    std::string id;
    std::optional<format::Document> tree;  // nullopt: the file was removed
    std::optional<format::Document> base;  // nullopt: never agreed (new on this side)
    std::optional<FileStamp> stamp;        // the file's stamp, when the source has stamps
};

// A file whose bytes are the agreed record's under a new stamp (touched, or
// checked out again): nothing to import, only the base's stamp to refresh.
struct Restamp {
    std::string id, record;
    FileStamp stamp;
};

struct KindScan {
    const model::Kind* kind = nullptr;
    std::vector<TreeChange> changes;  // sorted by id
    std::vector<Restamp> restamped;
};

struct ScanCounts {
    size_t files = 0;       // record files in the tree
    size_t files_read = 0;  // files whose stamp changed since base (the others are not read)
};

// Scans every kind of `source` against `base`. Throws Error naming the file
// for a folder that is no kind, an entry that is no plain file, a file of the
// other format, an unsafe name, or a record that does not read or check.
std::vector<KindScan> scan_tree(const tree::RecordSource& source, format::Format format, BaseStore& base,
                                ScanCounts& counts, Diagnostics& diagnostics);

}  // namespace gittd::exchange
