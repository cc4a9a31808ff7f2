#pragma once
// db -> tree (DESIGN §3): one canonical file per shared record. A file is
// written only when its bytes change; files of rows that no longer exist are
// removed; nothing is touched when any id is unsafe or a guard refuses.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gittd/db/td_database.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::sync {

struct ExportOptions {
    // Switch the tree to this format (rewrites every file and git-td.yaml).
    std::optional<format::Format> switch_format;
    bool dry_run = false;
    bool force = false;  // export an empty database over a non-empty tree
    // Called now and then with (records done, records total) for a progress bar.
    std::function<void(size_t, size_t)> progress;
};

struct KindCounts {
    std::string folder;
    size_t records = 0, written = 0, removed = 0;
};

struct ExportReport {
    format::Format format = format::Format::yaml;
    size_t records = 0, written = 0, removed = 0;
    std::vector<KindCounts> kinds;
    std::vector<std::string> written_paths;  // relative to the export dir
    std::vector<std::string> removed_paths;
};

ExportReport export_tree(db::TdDatabase& database, const std::filesystem::path& export_dir,
                         const ExportOptions& options, Diagnostics& diagnostics);

}  // namespace gittd::sync
