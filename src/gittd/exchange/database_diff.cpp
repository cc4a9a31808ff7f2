#include "gittd/exchange/database_diff.hpp"

#include <map>
#include <memory>
#include <utility>

#include "gittd/db/td_database.hpp"
#include "gittd/exchange/record_status.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/td/row_reader.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"

namespace gittd::exchange {

namespace {

// The record's file in the tree, in the tree's format or, left behind by a
// format switch, the other one; nullopt when it has neither.
std::optional<format::Document> tree_record(const tree::WorkingTree& tree, const model::Kind& kind,
                                            const std::string& id, format::Format preferred) {
    for (const format::Format format : {preferred, format::other_format(preferred)}) {
        const std::string name = tree::record_file_name(id, format);
        if (const std::optional<std::string> bytes = tree.read(kind, name))
            return format::decode(*bytes, format, tree.describe(std::string(kind.folder) + "/" + name));
    }
    return std::nullopt;
}

}  // namespace

TaskDiff diff_database(const Workspace& workspace, Diagnostics& diagnostics) {
    const std::vector<RecordStatus> changed = workspace_status(workspace, diagnostics);
    const tree::WorkingTree tree = working_tree(workspace);
    const std::optional<tree::TreeConfig> config = tree::read_tree_config(tree);
    const format::Format format = config ? config->format : format::Format::yaml;

    db::TdDatabase database = db::TdDatabase::open(workspace.database);
    std::map<std::string, std::unique_ptr<td::RowReader>> readers;  // by kind folder
    TaskDiff diff;
    for (const RecordStatus& status : changed) {
        const model::Kind* kind = model::kind_by_folder(status.folder);
        if (!kind) continue;
        std::unique_ptr<td::RowReader>& reader = readers[status.folder];
        if (!reader) reader = std::make_unique<td::RowReader>(database, *kind);
        std::optional<format::Document> row;
        if (reader->table_exists()) row = reader->read(status.id, diagnostics);
        RecordDiff record =
            diff_record(status.folder, status.id, tree_record(tree, *kind, status.id, format), std::move(row));
        if (record.change != RecordDiff::Change::modified || !record.fields.empty() || record.new_conflicts > 0)
            diff.records.push_back(std::move(record));
    }
    return diff;
}

}  // namespace gittd::exchange
