#include "gittd/exchange/commit_paths.hpp"

#include "gittd/git/trees.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"

namespace gittd::exchange {

namespace {

// Whether the export folder's file `name` is not what HEAD holds there.
bool differs_from_head(const Workspace& workspace, const tree::WorkingTree& working, const char* name) {
    const int folder = working.tree_fd();
    const std::optional<std::string> bytes =
        folder < 0 ? std::nullopt : read_file_at(folder, name, working.top(), working.relative(name));
    const std::optional<git::ObjectId> head = workspace.git.resolve("HEAD");
    std::optional<git::TreeEntry> committed;
    if (head) {
        committed =
            git::find_entry(workspace.git, git::commit_tree(workspace.git, *head), export_path(workspace) + "/" + name);
    }
    return bytes ? !committed || committed->id != git::blob_id(*bytes) : committed.has_value();
}

}  // namespace

CommitPaths plan_commit_paths(const Workspace& workspace, const ExportReport& report) {
    const tree::WorkingTree working = working_tree(workspace);
    if (differs_from_head(workspace, working, tree::tree_config_name)) return {true, {}};
    const std::string tree = export_path(workspace) + "/";
    CommitPaths plan;
    for (const auto* list : {&report.written_paths, &report.removed_paths}) {
        for (const std::string& path : *list) plan.paths.insert(tree + path);
    }
    if (differs_from_head(workspace, working, tree::attributes_name)) plan.paths.insert(tree + tree::attributes_name);
    BaseStore base = open_base_store(workspace);
    for (const RecordKey& key : base.unsettled()) {
        // Both names: a record a pulled format switch converted has one to add and one to remove.
        for (const format::Format format : {format::Format::yaml, format::Format::json}) {
            plan.paths.insert(tree + key.folder + "/" + tree::record_file_name(key.id, format));
        }
    }
    return plan;
}

}  // namespace gittd::exchange
