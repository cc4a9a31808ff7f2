#include "gittd/exchange/record_log.hpp"

#include <optional>
#include <unordered_map>

#include "gittd/git/trees.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::exchange {

namespace {

// Where a record's file is in one commit: its blob and format.
struct RecordFile {
    std::string path;
    git::ObjectId blob;
    format::Format format;
    bool operator==(const RecordFile& other) const { return blob == other.blob && format == other.format; }
};

// The kind folders a record with `id` may live in: the one whose id prefix
// it carries, or every one for an id no kind names.
std::vector<const model::Kind*> folders_for(const std::string& id) {
    std::vector<const model::Kind*> kinds;
    for (const model::Kind& kind : model::all_kinds()) {
        const std::string_view prefix = kind.id_prefix.empty() ? kind.derived_id_prefix : kind.id_prefix;
        if (!prefix.empty() && id.starts_with(prefix)) kinds.push_back(&kind);
    }
    if (kinds.empty()) {
        for (const model::Kind& kind : model::all_kinds()) kinds.push_back(&kind);
    }
    return kinds;
}

class RecordHistory {
  public:
    RecordHistory(const git::Repository& repository, const std::string& export_path, std::string id)
        : repository_(repository),
          prefix_(export_path.empty() ? "" : export_path + "/"),
          id_(std::move(id)),
          kinds_(folders_for(id_)) {}

    // The record's file in `commit`, remembering the kind folder it was found in.
    std::optional<RecordFile> file_in(const git::ObjectId& commit) {
        if (const auto cached = files_.find(commit.hex()); cached != files_.end()) return cached->second;
        std::optional<RecordFile> found;
        const git::ObjectId tree = git::commit_tree(repository_, commit);
        for (const model::Kind* kind : kinds_) {
            for (const format::Format format : {format::Format::yaml, format::Format::json}) {
                const std::string path = prefix_ + tree::record_path(*kind, id_, format);
                const std::optional<git::TreeEntry> entry = git::find_entry(repository_, tree, path);
                if (!entry || entry->kind != git::EntryKind::blob) continue;
                found = RecordFile{path, entry->id, format};
                folder_ = std::string(kind->folder);
                break;
            }
            if (found) break;
        }
        files_.emplace(commit.hex(), found);
        return found;
    }

    std::optional<format::Document> record(const git::ObjectId& commit, const std::optional<RecordFile>& file) {
        if (!file) return std::nullopt;
        return read_tree_record(repository_, commit, file->path, file->blob, file->format);
    }

    const std::string& folder() const { return folder_; }

  private:
    const git::Repository& repository_;
    std::string prefix_, id_;
    std::vector<const model::Kind*> kinds_;
    std::unordered_map<std::string, std::optional<RecordFile>> files_;  // by commit id
    std::string folder_;
};

}  // namespace

RecordLog record_log(const git::Repository& repository, const std::string& export_path, const std::string& id,
                     const git::ObjectId& head) {
    if (!is_safe_id(id)) {
        throw Error(ErrorCode::invalid_input,
                    "'" + id + "' is not a record id (ids are file names such as td-a1b2c3 or lg-0a1b2c3d)");
    }
    RecordHistory history(repository, export_path, id);
    RecordLog log;
    git::walk_commits(repository, head, [&](const git::CommitInfo& commit) {
        const std::optional<RecordFile> file = history.file_in(commit.id);
        bool same_as_a_parent = false;
        std::optional<RecordFile> first_parent;
        for (size_t i = 0; i < commit.parents.size(); ++i) {
            const std::optional<RecordFile> parent = history.file_in(commit.parents[i]);
            if (i == 0) first_parent = parent;
            same_as_a_parent = same_as_a_parent || parent == file;
        }
        if (commit.parents.empty()) same_as_a_parent = !file;
        if (same_as_a_parent) return true;
        const std::optional<format::Document> before =
            commit.parents.empty() ? std::nullopt : history.record(commit.parents[0], first_parent);
        const std::optional<format::Document> after = history.record(commit.id, file);
        if (before && after && *before == *after) return true;  // only its format changed
        log.entries.push_back({commit, diff_record(history.folder(), id, before, after)});
        return true;
    });
    log.folder = history.folder();
    for (RecordLogEntry& entry : log.entries) entry.change.folder = log.folder;
    return log;
}

}  // namespace gittd::exchange
