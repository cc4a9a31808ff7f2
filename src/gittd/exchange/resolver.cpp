#include "gittd/exchange/resolver.hpp"

#include <map>
#include <optional>
#include <set>

#include "gittd/git/merge_index.hpp"
#include "gittd/merge/tree_resolution.hpp"
#include "gittd/tree/conflict_markers.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/files.hpp"

namespace gittd::exchange {

namespace {

class Resolver {
  public:
    Resolver(const Workspace& workspace, bool dry_run)
        : workspace_(workspace), dry_run_(dry_run), index_(workspace.git) {
        prefix_ = export_path(workspace) + "/";
    }

    ResolveReport run() {
        merge::MergeView view;
        view.conflicts = index_.conflicts(prefix_);
        view.sides = index_.sides(prefix_, view.why_no_sides);
        view.read = [this](const std::string& path) { return read_file_in(workspace_.repo.workdir, path); };
        view.exists = [this](const std::string& path) {
            return index_.has(path) || exists_in(workspace_.repo.workdir, path);
        };
        for (const git::IndexConflict& conflict : view.conflicts) conflicted_.insert(conflict.path);
        merge::TreeResolution resolution = merge::resolve_tree_merge(view);
        report_.steps = std::move(resolution.steps);
        report_.unresolved = resolution.unresolved;
        pending_ = std::move(resolution.pending);
        report_committed_markers();
        if (!dry_run_ && !pending_.empty()) {
            for (const auto& [path, bytes] : pending_) {
                if (bytes)
                    index_.stage(path, *bytes);
                else
                    index_.remove(path);
            }
            index_.write();
            report_.changed = true;
        }
        return std::move(report_);
    }

  private:
    void step(const std::string& path, const std::string& action, const std::string& detail, bool resolved = true,
              size_t line = 0) {
        report_.steps.push_back({path, action, detail, resolved, line});
        if (!resolved) ++report_.unresolved;
    }

    void report_committed_markers() {
        for (const tree::MarkedFile& file : tree::scan_conflict_markers(working_tree(workspace_)).marked) {
            const std::string path = prefix_ + file.path;
            if (conflicted_.count(path) || pending_.count(path)) continue;
            step(path, "left",
                 "git conflict markers committed in the file (no conflict left in the index); keep one "
                 "version by hand, then 'git td import'",
                 false, file.line);
        }
    }

    const Workspace& workspace_;
    bool dry_run_;
    git::MergeIndex index_;
    std::string prefix_;
    ResolveReport report_;
    std::map<std::string, std::optional<std::string>> pending_;  // path -> bytes to stage, or nullopt to remove
    std::set<std::string> conflicted_;
};

}  // namespace

ResolveReport resolve_merge(const Workspace& workspace, bool dry_run) {
    check_tree_location(workspace);
    return Resolver(workspace, dry_run).run();
}

}  // namespace gittd::exchange
