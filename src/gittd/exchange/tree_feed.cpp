#include "gittd/exchange/tree_feed.hpp"

#include <algorithm>
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

// Whether the store's agreed version of `key` is exactly the commit's file:
// both absent, or one file (in either format) holding the canonical bytes
// export would write for it. Anything else — two files, a symlink, a hand
// formatted file — stays unsettled, which only costs a look at import.
bool agrees_with_commit(BaseStore& base, CommitRecords& commit, const RecordKey& key) {
    const std::unordered_map<std::string, git::TreeEntry>& files = commit.folder(key.folder);
    const git::TreeEntry* file = nullptr;
    format::Format file_format = format::Format::yaml;
    for (const format::Format format : {format::Format::yaml, format::Format::json}) {
        const auto found = files.find(tree::record_file_name(key.id, format));
        if (found == files.end()) continue;
        if (file) return false;
        file = &found->second;
        file_format = format;
    }
    const std::optional<std::string> agreed_blob = base.canonical_blob(key.folder, key.id);
    if (!agreed_blob || !file) return !agreed_blob && !file;
    if (file->kind != git::EntryKind::blob) return false;
    // The blob export wrote for this record: the common case after a
    // commit of what export wrote, 80k records in a first commit.
    if (*agreed_blob == canonical_blob_key(file_format, file->id)) return true;
    const std::optional<std::string> agreed = base.record(key.folder, key.id);
    if (!agreed) return false;  // gone meanwhile (the store is read in one transaction: never)
    const std::string bytes = format::encode(format::Document::parse(*agreed), file_format);
    return git::blob_id(bytes) == file->id;
}

// The records a diff of the export folder names, into `keys`. False when the
// diff touched what only a full scan handles (see Settlement::candidates).
bool add_diff_records(const std::vector<git::PathChange>& changes, const std::string& export_path,
                      std::vector<RecordKey>& keys) {
    bool usable = true;
    const std::string prefix = export_path.empty() ? std::string() : export_path + "/";
    keys.reserve(keys.size() + changes.size());
    for (const git::PathChange& change : changes) {
        if (change.path.size() <= prefix.size() || !change.path.starts_with(prefix)) {
            usable = false;  // the export folder itself was replaced
            continue;
        }
        const std::string_view relative = std::string_view(change.path).substr(prefix.size());
        const size_t slashes = static_cast<size_t>(std::count(relative.begin(), relative.end(), '/'));
        if (slashes == 0) {
            if (relative == tree::tree_config_name) usable = false;  // a format switch arrived
            continue;                                                // .gitattributes: nothing to import
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
        keys.push_back({path.folder, path.id});
    }
    return usable;
}

}  // namespace

Settlement settle_at_head(const git::Repository& repository, const std::string& export_path, BaseStore& base,
                          const std::optional<git::ObjectId>& head) {
    Settlement settlement;
    if (!head) return settlement;
    std::optional<git::ObjectId> settled_at;
    if (const std::optional<std::string> text = base.meta(settled_at_key)) {
        settled_at = git::ObjectId::from_hex(*text);
        if (settled_at && !git::commit_exists(repository, *settled_at)) settled_at.reset();
    }
    base.begin_read();
    try {
        settlement.data_version = base.data_version();
        CommitRecords commit(repository, *head, export_path);
        // Sorted and unique below: cheaper than a std::set of 80k keys.
        std::vector<RecordKey> keys = base.unsettled();
        bool usable = true;
        if (settled_at) {
            if (*settled_at != *head) {
                usable =
                    add_diff_records(git::diff_commits(repository, settled_at, head, export_path), export_path, keys);
            }
        } else {
            // Nothing is known to agree: every record of the store and of HEAD.
            for (RecordKey& key : base.keys()) keys.push_back(std::move(key));
            for (const std::string& folder : commit.folder_names()) {
                for (const auto& [name, entry] : commit.folder(folder)) {
                    const tree::RecordPath path = tree::classify_path(folder + "/" + name);
                    if (path.what == tree::RecordPath::What::record) keys.push_back({folder, path.id});
                }
            }
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        FeedCandidates candidates;
        for (const RecordKey& key : keys) {
            const bool agrees = agrees_with_commit(base, commit, key);
            if (!agrees) candidates.ids[key.folder].insert(key.id);
            settlement.agreement.emplace_back(key, agrees);
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
    for (const auto& [key, agrees] : settlement.agreement) base.set_settled(key, agrees);
    base.set_meta(settled_at_key, settlement.head->hex());
}

}  // namespace gittd::exchange
