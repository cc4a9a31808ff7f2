#include "gittd/exchange/tree_feed.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "gittd/format/codec.hpp"
#include "gittd/git/history.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

size_t FeedCandidates::size() const {
    size_t total = 0;
    for (const auto& entry : ids) total += entry.second.size();
    return total;
}

namespace {

constexpr const char* settled_at_key = "settled_at";

// The record files of one commit's export folder, each kind folder listed
// once when first asked (libgit2 parses a whole tree object to find one
// entry anyway).
class CommitRecords {
  public:
    CommitRecords(const git::Repository& repository, const git::ObjectId& commit, const std::string& export_path)
        : repository_(repository) {
        const std::optional<std::vector<git::TreeEntry>> top = git::list_tree_at(repository, commit, export_path);
        for (const git::TreeEntry& entry : top.value_or(std::vector<git::TreeEntry>{})) {
            if (!model::kind_by_folder(entry.name)) continue;
            // A kind folder that is a symlink is the full scan's to refuse.
            if (entry.kind != git::EntryKind::tree) throw Error(ErrorCode::invalid_input, entry.name + ": no folder");
            folder_trees_.emplace(entry.name, entry.id);
        }
    }

    // The kind folder's entries by name (empty when the folder is absent).
    const std::unordered_map<std::string, git::TreeEntry>& folder(const std::string& name) {
        auto listed = folders_.find(name);
        if (listed != folders_.end()) return listed->second;
        std::unordered_map<std::string, git::TreeEntry> entries;
        if (auto tree = folder_trees_.find(name); tree != folder_trees_.end()) {
            for (git::TreeEntry& entry : git::list_tree(repository_, tree->second)) {
                std::string entry_name = entry.name;
                entries.emplace(std::move(entry_name), std::move(entry));
            }
        }
        return folders_.emplace(name, std::move(entries)).first->second;
    }

    std::vector<std::string> folder_names() const {
        std::vector<std::string> names;
        for (const auto& [name, tree] : folder_trees_) names.push_back(name);
        return names;
    }

  private:
    const git::Repository& repository_;
    std::unordered_map<std::string, git::ObjectId> folder_trees_;
    std::unordered_map<std::string, std::unordered_map<std::string, git::TreeEntry>> folders_;
};

// The store's canonical blobs of one kind folder: looked up one by one for a
// few records, read in one query for many (a first commit of a whole
// export settles 80k records; a query each took a fifth of `git td commit`).
class AgreedBlobs {
  public:
    AgreedBlobs(BaseStore& base, const std::string& folder, size_t wanted) : base_(base), folder_(folder) {
        constexpr size_t one_query_each = 256;
        if (wanted > one_query_each) all_ = base.load_canonical_blobs(folder);
    }
    // Empty when the entry knows no blob, nullopt without an entry.
    std::optional<std::string> find(const std::string& id) const {
        if (!all_) return base_.canonical_blob(folder_, id);
        const auto found = all_->find(id);
        if (found == all_->end()) return std::nullopt;
        return found->second;
    }

  private:
    BaseStore& base_;
    const std::string& folder_;
    std::optional<std::unordered_map<std::string, std::string>> all_;
};

// Whether the store's agreed version of `id` is exactly the commit's file:
// both absent, or one file (in either format) holding the canonical bytes
// export would write for it. Anything else — two files, a symlink, a hand
// formatted file — stays unsettled, which only costs a look at import.
bool agrees_with_commit(BaseStore& base, const AgreedBlobs& agreed_blobs,
                        const std::unordered_map<std::string, git::TreeEntry>& files, const std::string& folder,
                        const std::string& id) {
    const git::TreeEntry* file = nullptr;
    format::Format file_format = format::Format::yaml;
    for (const format::Format format : {format::Format::yaml, format::Format::json}) {
        const auto found = files.find(tree::record_file_name(id, format));
        if (found == files.end()) continue;
        if (file) return false;
        file = &found->second;
        file_format = format;
    }
    const std::optional<std::string> agreed_blob = agreed_blobs.find(id);
    if (!agreed_blob || !file) return !agreed_blob && !file;
    if (file->kind != git::EntryKind::blob) return false;
    // The blob export wrote for this record: the common case after a
    // commit of what export wrote, 80k records in a first commit.
    if (*agreed_blob == canonical_blob_key(file_format, file->id)) return true;
    const std::optional<std::string> agreed = base.record(folder, id);
    if (!agreed) return false;  // gone meanwhile (the store is read in one transaction: never)
    const std::string bytes = format::encode(format::Document::parse(*agreed), file_format);
    return git::blob_id(bytes) == file->id;
}

// Record ids by kind folder, each folder's ids sorted and unique once
// finish() ran: cheaper than sorting 160k (folder, id) pairs.
class KeysByFolder {
  public:
    void add(std::string folder, std::string id) { ids_[std::move(folder)].push_back(std::move(id)); }
    void add(std::vector<RecordKey> keys) {
        for (RecordKey& key : keys) add(std::move(key.folder), std::move(key.id));
    }
    std::map<std::string, std::vector<std::string>>& finish() {
        for (auto& [folder, ids] : ids_) {
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        }
        return ids_;
    }

  private:
    std::map<std::string, std::vector<std::string>> ids_;
};

// The records a diff of the export folder names, into `keys`. False when the
// diff touched what only a full scan handles (see Settlement::candidates).
bool add_diff_records(const std::vector<git::PathChange>& changes, const std::string& export_path, KeysByFolder& keys) {
    bool usable = true;
    const std::string prefix = export_path.empty() ? std::string() : export_path + "/";
    for (const git::PathChange& change : changes) {
        if (change.path.size() <= prefix.size() || !change.path.starts_with(prefix)) {
            usable = false;  // the export folder itself was replaced
            continue;
        }
        const std::string_view relative = std::string_view(change.path).substr(prefix.size());
        const size_t slashes = static_cast<size_t>(std::count(relative.begin(), relative.end(), '/'));
        if (slashes == 0) {
            // git-td.yaml (a format switch renames every record file, so the
            // diff names each record) and .gitattributes: nothing to import.
            continue;
        }
        const tree::RecordPath path = tree::classify_path(relative);
        if (slashes > 1 || path.what == tree::RecordPath::What::unknown_folder ||
            path.what == tree::RecordPath::What::bad_name) {
            usable = false;
            continue;
        }
        if (path.what != tree::RecordPath::What::record) continue;  // a README in a kind folder
        const auto is_file = [](git::EntryKind kind) { return kind == git::EntryKind::blob; };
        if ((change.old_id && !is_file(change.old_kind)) || (change.new_id && !is_file(change.new_kind)))
            usable = false;
        keys.add(path.folder, path.id);
    }
    return usable;
}

}  // namespace

Settlement settle_at_head(const git::Repository& repository, const std::string& export_path, BaseStore& base,
                          const std::optional<git::ObjectId>& head) {
    Settlement settlement;
    if (!head) return settlement;
    // One read transaction from the settled commit on: a write between the
    // two would escape the data_version check.
    base.begin_read();
    try {
        settlement.data_version = base.data_version();
        std::optional<git::ObjectId> settled_at;
        if (const std::optional<std::string> text = base.meta(settled_at_key)) {
            settled_at = git::ObjectId::from_hex(*text);
            if (settled_at && !git::commit_exists(repository, *settled_at)) settled_at.reset();
        }
        CommitRecords commit(repository, *head, export_path);
        KeysByFolder keys;
        keys.add(base.unsettled());
        bool usable = true;
        if (settled_at) {
            if (*settled_at != *head) {
                usable =
                    add_diff_records(git::diff_commits(repository, settled_at, head, export_path), export_path, keys);
            }
        } else {
            // Nothing is known to agree: every record of the store and of HEAD.
            keys.add(base.keys());
            for (const std::string& folder : commit.folder_names()) {
                for (const auto& [name, entry] : commit.folder(folder)) {
                    const tree::RecordPath path = tree::classify_path(folder + "/" + name);
                    if (path.what == tree::RecordPath::What::record) keys.add(folder, path.id);
                }
            }
        }
        FeedCandidates candidates;
        for (auto& [folder, ids] : keys.finish()) {
            const AgreedBlobs agreed_blobs(base, folder, ids.size());
            const std::unordered_map<std::string, git::TreeEntry>& files = commit.folder(folder);
            std::set<std::string>& folder_candidates = candidates.ids[folder];
            for (std::string& id : ids) {
                const bool agrees = agrees_with_commit(base, agreed_blobs, files, folder, id);
                if (!agrees) folder_candidates.insert(folder_candidates.end(), id);  // ids come sorted
                settlement.agreement.emplace_back(RecordKey{folder, std::move(id)}, agrees);
            }
        }
        settlement.head = head;
        settlement.changes_store =
            settled_at != head || std::any_of(settlement.agreement.begin(), settlement.agreement.end(),
                                              [](const auto& entry) { return entry.second; });
        if (usable) settlement.candidates = std::move(candidates);
        base.commit();
    } catch (const std::exception&) {
        // HEAD's export folder does not read (a symlink where a folder
        // belongs, say): the full scan names the problem.
        base.rollback();
        settlement = {};
    }
    return settlement;
}

void record_settlement(BaseStore& base, Settlement& settlement) {
    if (!settlement.changes_store || settlement.recorded) return;
    settlement.recorded = true;
    // Another process (an export, an import in this worktree) wrote since:
    // its marks stand, and the next settle starts from the old commit again.
    if (base.data_version() != settlement.data_version) return;
    // The agreement covers every unsettled record (read in the same
    // snapshot, and data_version says nobody wrote since): when most agree,
    // as after a commit of a whole export, emptying the list and naming the
    // few that do not is 80k statements fewer than settling each.
    const auto agreeing = static_cast<size_t>(std::count_if(settlement.agreement.begin(), settlement.agreement.end(),
                                                            [](const auto& entry) { return entry.second; }));
    const bool start_empty = agreeing > settlement.agreement.size() - agreeing;
    if (start_empty) base.settle_every_record();
    for (const auto& [key, agrees] : settlement.agreement) {
        if (!start_empty || !agrees) base.set_settled(key, agrees);
    }
    base.set_meta(settled_at_key, settlement.head->hex());
}

}  // namespace gittd::exchange
