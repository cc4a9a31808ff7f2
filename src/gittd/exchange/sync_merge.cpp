#include "gittd/exchange/sync_merge.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "gittd/format/codec.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/git/object_reader.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/parallel.hpp"

namespace gittd::exchange {

namespace {

using Changes = std::map<std::string, git::PathChange>;

Changes changes_between(const git::Repository& repository, const std::optional<git::ObjectId>& from,
                        const git::ObjectId& to, const std::string& export_path) {
    Changes changes;
    for (git::PathChange& change : git::diff_commits(repository, from, to, export_path)) {
        std::string path = change.path;
        changes.emplace(std::move(path), std::move(change));
    }
    return changes;
}

// What the remote brings must be plain files at a record's depth: the tree
// is untrusted input (DESIGN §3.1), and a symlink's blob taken as a file
// would change meaning.
void refuse_odd_entry(const git::Repository& repository, const git::ObjectId& commit, const git::PathChange& change,
                      const std::string& export_path) {
    if (!change.new_id) return;
    std::string_view relative = change.path;
    if (!export_path.empty()) relative.remove_prefix(std::min(relative.size(), export_path.size() + 1));
    const bool nested = std::count(relative.begin(), relative.end(), '/') > 1;
    if (change.new_kind == git::EntryKind::blob && !nested) return;
    const std::string what = nested ? std::string("a folder inside a kind folder") : git::kind_name(change.new_kind);
    throw Error(ErrorCode::untrusted, repository.short_id(commit) + ":" + change.path + ": " + what +
                                          " where a plain file belongs; git-td never follows or takes one: "
                                          "replace it with a file in a new commit on the remote, then sync again");
}

// A blob of a record both sides changed; untrusted, so its size is checked
// before it is read (a blob of gigabytes would exhaust memory).
std::optional<std::string> blob_bytes(const git::Repository& repository, const std::optional<git::ObjectId>& id) {
    if (!id) return std::nullopt;
    if (const size_t size = git::blob_size(repository, *id); size > format::max_record_bytes) {
        git::refuse_oversize_blob(*id, size, format::max_record_bytes);
    }
    return git::read_blob(repository, *id);
}

// Below this many conflicted paths per thread, a second thread costs more
// than it saves.
constexpr size_t parallel_reads_per_thread = 64;

// A path both sides changed: the blobs of its three versions.
struct ConflictBlobs {
    std::string path;
    std::optional<git::ObjectId> base, ours, theirs;
};

// The three versions of every conflicted path, read on all cores, each
// thread with its own handle on the object database; what a handle cannot
// read is read through the Repository afterwards (which names the problem).
std::vector<git::IndexConflict> read_conflicts(const git::Repository& repository,
                                               const std::vector<ConflictBlobs>& wanted) {
    std::vector<git::IndexConflict> conflicts(wanted.size());
    const size_t threads = git::threads_for_libgit2(wanted.size(), parallel_reads_per_thread);
    if (threads <= 1) {
        for (size_t i = 0; i < wanted.size(); ++i) {
            conflicts[i] = {wanted[i].path, blob_bytes(repository, wanted[i].base),
                            blob_bytes(repository, wanted[i].ours), blob_bytes(repository, wanted[i].theirs)};
        }
        return conflicts;
    }
    std::vector<std::optional<git::ObjectReader>> readers(threads);
    std::vector<unsigned char> unread(wanted.size(), 0);  // bit per side the reader did not find
    for_each_index(wanted.size(), threads, [&](size_t i, size_t thread) {
        if (!readers[thread]) readers[thread].emplace(repository);
        const auto read = [&](const std::optional<git::ObjectId>& id, unsigned bit) -> std::optional<std::string> {
            if (!id) return std::nullopt;
            auto bytes = readers[thread]->read_blob(*id, format::max_record_bytes);
            if (!bytes) unread[i] |= static_cast<unsigned char>(bit);
            return bytes;
        };
        conflicts[i] = {wanted[i].path, read(wanted[i].base, 1), read(wanted[i].ours, 2), read(wanted[i].theirs, 4)};
    });
    for (size_t i = 0; i < wanted.size(); ++i) {
        if (unread[i] & 1) conflicts[i].base = blob_bytes(repository, wanted[i].base);
        if (unread[i] & 2) conflicts[i].ours = blob_bytes(repository, wanted[i].ours);
        if (unread[i] & 4) conflicts[i].theirs = blob_bytes(repository, wanted[i].theirs);
    }
    return conflicts;
}

class SyncMerge {
  public:
    SyncMerge(const git::Repository& repository, const std::optional<git::ObjectId>& base, const git::ObjectId& ours,
              const git::ObjectId& theirs, const std::string& export_path)
        : repository_(repository),
          base_(base),
          ours_(ours),
          theirs_(theirs),
          ours_tree_(git::commit_tree(repository, ours)),
          ours_changes_(changes_between(repository, base, ours, export_path)),
          theirs_changes_(changes_between(repository, base, theirs, export_path)),
          export_path_(export_path) {}

    SyncMergeReport run(const std::function<git::ObjectId(std::string_view)>& write_blob) {
        SyncMergeReport report;
        merge::MergeView view;
        std::vector<ConflictBlobs> wanted;
        for (const auto& [path, change] : theirs_changes_) {
            refuse_odd_entry(repository_, theirs_, change, export_path_);
            const auto ours = ours_changes_.find(path);
            if (ours == ours_changes_.end()) {
                taken_index_.emplace(path, report.updates.size());
                report.updates.push_back({path, change.new_id});
                ++report.taken;
                continue;
            }
            if (ours->second.new_id == change.new_id) continue;  // both made the same change
            if (tree::classify_path(path).what != tree::RecordPath::What::record) {
                choose_tree_file(path, ours->second, change, report);
                continue;
            }
            wanted.push_back({path, change.old_id, ours->second.new_id, change.new_id});
        }
        if (wanted.empty()) return report;
        view.conflicts = read_conflicts(repository_, wanted);
        taken_ = &report.updates;
        view.ours_name = "this clone";
        view.read = [this](const std::string& path) { return merged_before_resolution(path); };
        view.exists = [this](const std::string& path) { return merged_before_resolution(path).has_value(); };
        view.why_no_sides = "not needed";
        merge::TreeResolution resolution = merge::resolve_tree_merge(view);
        if (resolution.unresolved > 0 && any_add_add(view)) {
            // A collision needs to know whose records name the re-keyed one:
            // the sides are read only then (on a first sync both sides added
            // every record, and most merges have no collision).
            view.sides = sides();
            resolution = merge::resolve_tree_merge(view);
        }
        for (const merge::ResolveStep& step : resolution.steps) {
            if (!step.resolved) {
                throw Error(ErrorCode::invalid_input, step.path + ": cannot merge (" + step.detail +
                                                          "); nothing was changed: fix the record on the remote's "
                                                          "sync branch or here, then sync again");
            }
        }
        for (auto& [path, bytes] : resolution.pending) {
            // The resolver's version of a path replaces the one taken from
            // theirs (a log whose issue was re-keyed).
            std::optional<git::ObjectId> blob;
            if (bytes) blob = write_blob(*bytes);
            if (const auto taken = taken_index_.find(path); taken != taken_index_.end()) {
                report.updates[taken->second].blob = blob;
            } else {
                report.updates.push_back({path, blob});
            }
        }
        for (merge::ResolveStep& step : resolution.steps) {
            if (step.action == "merged") ++report.merged;
            if (step.action == "kept-edit") ++report.kept_edits;
            if (step.action == "re-keyed") ++report.rekeyed;
            report.set_aside += step.set_aside;
        }
        report.steps.insert(report.steps.end(), resolution.steps.begin(), resolution.steps.end());
        return report;
    }

  private:
    // git-td.yaml or .gitattributes changed on both sides: no field rule
    // applies, so the larger version is kept on both machines alike (it
    // does not depend on which side is ours).
    void choose_tree_file(const std::string& path, const git::PathChange& ours, const git::PathChange& theirs,
                          SyncMergeReport& report) const {
        const std::optional<std::string> ours_bytes = blob_bytes(repository_, ours.new_id);
        const std::optional<std::string> theirs_bytes = blob_bytes(repository_, theirs.new_id);
        const bool take_theirs = theirs_bytes > ours_bytes;
        if (take_theirs) report.updates.push_back({path, theirs.new_id});
        report.steps.push_back({path, "chose",
                                std::string("both sides changed this file of the tree; the larger version (") +
                                    (take_theirs ? "the remote's" : "this clone's") + ") is kept"});
    }

    // A path of the merge before the resolver's changes: theirs' version
    // where only theirs changed it, ours' otherwise.
    std::optional<std::string> merged_before_resolution(const std::string& path) const {
        if (const auto taken = taken_index_.find(path); taken != taken_index_.end()) {
            return blob_bytes(repository_, (*taken_)[taken->second].blob);
        }
        const std::optional<git::TreeEntry> entry = git::find_entry(repository_, ours_tree_, path);
        if (!entry || entry->kind != git::EntryKind::blob) return std::nullopt;
        return blob_bytes(repository_, entry->id);
    }

    static bool any_add_add(const merge::MergeView& view) {
        return std::any_of(view.conflicts.begin(), view.conflicts.end(),
                           [](const git::IndexConflict& c) { return !c.base && c.ours && c.theirs; });
    }

    git::MergeSides sides() const {
        git::MergeSides sides;
        sides.theirs_ref = "the remote";
        const auto fill = [this](const Changes& changes, std::map<std::string, git::SideChange>& side) {
            for (const auto& [path, change] : changes) {
                if (!change.new_id || change.new_kind != git::EntryKind::blob) continue;
                side[path] = {blob_bytes(repository_, change.old_id), *blob_bytes(repository_, change.new_id)};
            }
        };
        fill(ours_changes_, sides.ours);
        fill(theirs_changes_, sides.theirs);
        return sides;
    }

    const git::Repository& repository_;
    std::optional<git::ObjectId> base_;
    git::ObjectId ours_, theirs_;
    git::ObjectId ours_tree_;
    Changes ours_changes_, theirs_changes_;
    std::string export_path_;
    const std::vector<git::TreeUpdate>* taken_ = nullptr;
    std::unordered_map<std::string, size_t> taken_index_;  // path -> its update in taken_
};

}  // namespace

SyncMergeReport merge_sync_commits(const git::Repository& repository, const std::optional<git::ObjectId>& base,
                                   const git::ObjectId& ours, const git::ObjectId& theirs,
                                   const std::string& export_path,
                                   const std::function<git::ObjectId(std::string_view)>& write_blob) {
    return SyncMerge(repository, base, ours, theirs, export_path).run(write_blob);
}

void refuse_untrusted_changes(const git::Repository& repository, const std::optional<git::ObjectId>& from,
                              const git::ObjectId& to, const std::string& export_path) {
    for (const git::PathChange& change : git::diff_commits(repository, from, to, export_path)) {
        refuse_odd_entry(repository, to, change, export_path);
    }
}

std::string sync_merge_message(const std::string& remote, const SyncMergeReport& report) {
    std::string message = "git-td sync: merge " + remote + "\n\n";
    message += std::to_string(report.taken) + " file(s) taken from the remote, " + std::to_string(report.merged) +
               " record(s) merged field by field, " + std::to_string(report.kept_edits) +
               " edit(s) kept over a removal, " + std::to_string(report.rekeyed) + " record(s) re-keyed; " +
               std::to_string(report.set_aside) + " value(s) set aside in conflicts entries\n";
    constexpr size_t listed = 50;
    size_t shown = 0;
    for (const merge::ResolveStep& step : report.steps) {
        if (shown++ == listed) {
            message += "... and " + std::to_string(report.steps.size() - listed) + " more\n";
            break;
        }
        message += "\n" + step.action + " " + step.path + ": " + step.detail;
    }
    if (!report.steps.empty()) message += "\n";
    return message;
}

}  // namespace gittd::exchange
