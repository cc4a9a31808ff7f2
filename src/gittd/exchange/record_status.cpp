#include "gittd/exchange/record_status.hpp"

#include <map>
#include <utility>

#include "gittd/tree/record_path.hpp"

namespace gittd::exchange {

std::string_view side_change_name(SideChange change) {
    switch (change) {
        case SideChange::added: return "added";
        case SideChange::modified: return "modified";
        case SideChange::deleted: return "deleted";
        case SideChange::none: break;
    }
    return "";
}

char side_change_letter(SideChange change) {
    switch (change) {
        case SideChange::added: return 'A';
        case SideChange::modified: return 'M';
        case SideChange::deleted: return 'D';
        case SideChange::none: break;
    }
    return ' ';
}

std::vector<RecordStatus> combine_status(const ExportReport& exported, const ImportReport& imported,
                                         const HasRecordFile& has_file) {
    std::map<std::pair<std::string, std::string>, RecordStatus> records;
    const auto at = [&](const std::string& folder, const std::string& id) -> RecordStatus& {
        RecordStatus& status = records[{folder, id}];
        status.folder = folder;
        status.id = id;
        return status;
    };
    // td's side. A format switch writes a record's new file and removes its
    // old one: written wins.
    for (const std::string& path : exported.removed_paths) {
        const tree::RecordPath record = tree::classify_path(path);
        if (record.what == tree::RecordPath::What::record) at(record.folder, record.id).database = SideChange::deleted;
    }
    for (const std::string& path : exported.written_paths) {
        const tree::RecordPath record = tree::classify_path(path);
        if (record.what != tree::RecordPath::What::record) continue;
        at(record.folder, record.id).database =
            has_file(record.folder, record.id) ? SideChange::modified : SideChange::added;
    }
    // The tree's side, from the import plan (which also knows when td
    // changed the record too: a merge, or a removal that keeps a td edit).
    for (const RecordChange& change : imported.changes) {
        RecordStatus& status = at(change.folder, change.id);
        status.import_action = change.action;
        const auto database_changed = [&status] {
            if (status.database == SideChange::none) status.database = SideChange::modified;
        };
        switch (change.action) {
            case ImportAction::insert: status.tree = SideChange::added; break;
            case ImportAction::update: status.tree = SideChange::modified; break;
            // Waiting for its parent: new to the database, or an update of a row it has.
            case ImportAction::postponed:
                status.tree = change.had_row ? SideChange::modified : SideChange::added;
                break;
            case ImportAction::merge:
            case ImportAction::recorded:
                status.tree = SideChange::modified;
                database_changed();
                break;
            case ImportAction::remove:
            case ImportAction::soft_delete: status.tree = SideChange::deleted; break;
            case ImportAction::kept:
                status.tree = SideChange::deleted;
                database_changed();
                break;
            case ImportAction::restored:
                status.tree = SideChange::modified;
                status.database = SideChange::deleted;
                break;
            case ImportAction::none: status.import_action.reset(); break;
        }
    }
    std::vector<RecordStatus> out;
    out.reserve(records.size());
    for (auto& [key, status] : records) {
        if (status.database != SideChange::none || status.tree != SideChange::none) out.push_back(std::move(status));
    }
    return out;
}

std::vector<RecordStatus> workspace_status(const Workspace& workspace, Diagnostics& diagnostics) {
    if (database_missing(workspace)) {
        throw Error(ErrorCode::not_found, workspace.database.string() +
                                              ": no td database; in a clone run 'git td init' (it creates "
                                              "the database and imports the tree), elsewhere 'td init'");
    }
    ExportOptions export_options;
    export_options.dry_run = true;
    export_options.force = true;  // status reports; the empty-database guard is export's to apply
    const ExportReport exported = export_workspace(workspace, export_options, diagnostics);
    ImportOptions import_options;
    import_options.dry_run = true;
    import_options.force = true;  // status reports; the guard is import's to apply
    const ImportReport imported = import_workspace(workspace, import_options, diagnostics);
    const tree::WorkingTree working = working_tree(workspace);
    return combine_status(exported, imported, [&working](const std::string& folder, const std::string& id) {
        const model::Kind* kind = model::kind_by_folder(folder);
        if (!kind) return false;
        for (const format::Format format : {format::Format::yaml, format::Format::json}) {
            if (working.stamp(*kind, tree::record_file_name(id, format))) return true;
        }
        return false;
    });
}

}  // namespace gittd::exchange
