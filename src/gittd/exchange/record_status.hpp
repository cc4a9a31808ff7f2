#pragma once
// What `git td status` shows: each record changed since the base on td's
// side (what an export would write), on the tree's side (what an import
// would read), or on both (what an import would merge). Worked out from the
// two dry runs, so it says exactly what export and import would do, not
// what a second implementation thinks they would.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

enum class SideChange { none, added, modified, deleted };

// "added", "modified", "deleted" (none: "").
std::string_view side_change_name(SideChange change);
// git status --short's letters: 'A', 'M', 'D' (none: ' ').
char side_change_letter(SideChange change);

struct RecordStatus {
    std::string folder, id;
    SideChange database = SideChange::none;  // td's side: export would write or remove its file
    SideChange tree = SideChange::none;      // the tree's side: import would read it
    // What import would do (action_name), when it would do anything.
    std::optional<ImportAction> import_action;
};

// Whether the tree has a file (in either format) for a record.
using HasRecordFile = std::function<bool(const std::string& folder, const std::string& id)>;

// Combines the reports of an export dry run and an import dry run, sorted by
// kind folder and id.
std::vector<RecordStatus> combine_status(const ExportReport& exported, const ImportReport& imported,
                                         const HasRecordFile& has_file);

// Both dry runs on `workspace` (which must have its td database), combined.
std::vector<RecordStatus> workspace_status(const Workspace& workspace, Diagnostics& diagnostics);

}  // namespace gittd::exchange
