#include "gittd/exchange/record_log.hpp"

#include <cstddef>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "gittd/git/trees.hpp"
#include "gittd/merge/id_collision.hpp"
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

namespace {

// The id a re-key took `record` from (`git td resolve` gave it `id` and an
// id-collision entry naming both, merge/id_rekey.hpp), or nullopt.
std::optional<std::string> rekeyed_from(const format::Document& record, const std::string& id) {
    if (!record.contains("conflicts") || !record["conflicts"].is_array()) return std::nullopt;
    for (const format::Document& entry : record["conflicts"]) {
        if (!entry.is_object() || entry.value("rule", "") != "id-collision" || entry.value("field", "") != "id" ||
            entry.value("chosen", "") != id || !entry.contains("values") || !entry["values"].is_array())
            continue;
        for (const format::Document& value : entry["values"]) {
            if (value.is_string() && value.get<std::string>() != id && is_safe_id(value.get<std::string>()))
                return value.get<std::string>();
        }
    }
    return std::nullopt;
}

// How many re-keys one log follows back: each is a merge that gave the
// record a fresh id, so a real history has one or two.
constexpr int max_rekeys_followed = 16;

void collect_log(const git::Repository& repository, const std::string& export_path, const std::string& id,
                 const git::ObjectId& head, RecordLog& log, int rekeys_left) {
    RecordHistory history(repository, export_path, id);
    std::vector<RecordLogEntry> entries;
    // git log's history simplification: a merge whose record is the same as
    // one parent's is followed into that parent only, as the record came from
    // there. Parents come after their children (topological order), so a
    // commit is known to be followed before it is visited.
    std::unordered_set<std::string> followed{head.hex()};
    git::walk_commits(repository, head, [&](const git::CommitInfo& commit) {
        if (!followed.contains(commit.id.hex())) return true;
        const std::optional<RecordFile> file = history.file_in(commit.id);
        std::optional<RecordFile> first_parent;
        const git::ObjectId* same_parent = nullptr;
        for (size_t i = 0; i < commit.parents.size(); ++i) {
            const std::optional<RecordFile> parent = history.file_in(commit.parents[i]);
            if (i == 0) first_parent = parent;
            if (!same_parent && parent == file) same_parent = &commit.parents[i];
        }
        if (same_parent) {
            followed.insert(same_parent->hex());
            return true;
        }
        for (const git::ObjectId& parent : commit.parents) followed.insert(parent.hex());
        if (commit.parents.empty() && !file) return true;
        const std::optional<format::Document> before =
            commit.parents.empty() ? std::nullopt : history.record(commit.parents[0], first_parent);
        const std::optional<format::Document> after = history.record(commit.id, file);
        if (before && after && *before == *after) return true;  // only its format changed
        entries.push_back({commit, diff_record(history.folder(), id, before, after)});
        return true;
    });
    for (RecordLogEntry& entry : entries) entry.change.folder = history.folder();
    if (log.folder.empty()) log.folder = history.folder();

    // A re-key: the commit that added the record under `id` took it from an
    // older id in one of its parents. That parent's record under the old id
    // is this one when their birth fields agree (the other parent's is the
    // record it collided with); its history goes on under the old id.
    const model::Kind* kind = model::kind_by_folder(history.folder());
    for (size_t i = entries.size(); kind && rekeys_left > 0 && i-- > 0;) {
        RecordLogEntry& entry = entries[i];
        if (entry.change.change != RecordDiff::Change::added || !entry.change.after) continue;
        const std::optional<std::string> old_id = rekeyed_from(*entry.change.after, id);
        if (!old_id) continue;
        RecordHistory older(repository, export_path, *old_id);
        for (const git::ObjectId& parent : entry.commit.parents) {
            std::optional<format::Document> before = older.record(parent, older.file_in(parent));
            if (!before || merge::id_collision(*kind, *before, *entry.change.after)) continue;
            entry.change = diff_record(entry.change.folder, id, std::move(before), std::move(entry.change.after));
            // The re-key and what came after it, then the record's life under
            // the old id, then whatever else had the new id (another line of
            // history that drew it too): nothing left out.
            const auto rest = entries.begin() + static_cast<std::ptrdiff_t>(i) + 1;
            log.entries.insert(log.entries.end(), std::make_move_iterator(entries.begin()),
                               std::make_move_iterator(rest));
            collect_log(repository, export_path, *old_id, parent, log, rekeys_left - 1);
            log.entries.insert(log.entries.end(), std::make_move_iterator(rest),
                               std::make_move_iterator(entries.end()));
            return;
        }
    }
    log.entries.insert(log.entries.end(), std::make_move_iterator(entries.begin()),
                       std::make_move_iterator(entries.end()));
}

}  // namespace

RecordLog record_log(const git::Repository& repository, const std::string& export_path, const std::string& id,
                     const git::ObjectId& head) {
    if (!is_safe_id(id)) {
        throw Error(ErrorCode::invalid_input,
                    "'" + id + "' is not a record id (ids are file names such as td-a1b2c3 or lg-0a1b2c3d)");
    }
    RecordLog log;
    collect_log(repository, export_path, id, head, log, max_rekeys_followed);
    return log;
}

}  // namespace gittd::exchange
