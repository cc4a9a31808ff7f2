#include "gittd/tree/git_tree_source.hpp"

#include <array>
#include <cstring>

#include "gittd/format/codec.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/error.hpp"

namespace gittd::tree {

FileStamp blob_stamp(const git::ObjectId& blob) {
    FileStamp stamp;
    std::array<std::int64_t, 3> words{};
    static_assert(sizeof words >= git::ObjectId::size);
    std::memcpy(words.data(), blob.bytes.data(), git::ObjectId::size);
    stamp.size = words[0];
    stamp.mtime_ns = words[1];
    stamp.inode = words[2];
    return stamp;
}

GitTreeSource::GitTreeSource(const git::Repository& repository, const git::ObjectId& commit, std::string export_path,
                             bool blob_stamps)
    : repository_(repository), commit_(commit), blob_stamps_(blob_stamps), export_path_(std::move(export_path)) {
    while (!export_path_.empty() && export_path_.back() == '/') export_path_.pop_back();
    short_commit_ = repository_.short_id(commit_);
    // The folder's own listing is small (the kind folders and a few tree
    // files) and every call needs it: read it once.
    top_ = git::list_tree_at(repository_, commit_, export_path_).value_or(std::vector<git::TreeEntry>{});
}

std::string GitTreeSource::describe(std::string_view relative) const {
    std::string path = export_path_;
    if (!relative.empty()) path += (path.empty() ? "" : "/") + std::string(relative);
    return short_commit_ + ":" + path;
}

const git::TreeEntry* GitTreeSource::top_entry(std::string_view name) const {
    for (const git::TreeEntry& entry : top_) {
        if (entry.name == name) return &entry;
    }
    return nullptr;
}

void GitTreeSource::refuse(std::string_view relative, const git::TreeEntry& entry, const char* wanted) const {
    const std::string why = entry.kind == git::EntryKind::symlink ? "; git-td never follows a symlink in a commit" : "";
    throw Error(ErrorCode::invalid_input, describe(relative) + ": " + git::kind_name(entry.kind) + " where " + wanted +
                                              " belongs" + why + ": replace it with " + wanted + " in a new commit");
}

std::optional<git::ObjectId> GitTreeSource::kind_tree(const model::Kind& kind) const {
    const git::TreeEntry* folder = top_entry(kind.folder);
    if (!folder) return std::nullopt;
    if (folder->kind != git::EntryKind::tree) refuse(kind.folder, *folder, "a plain folder");
    return folder->id;
}

std::optional<std::string> GitTreeSource::read_config() const {
    const git::TreeEntry* config = top_entry(tree_config_name);
    if (!config) return std::nullopt;
    if (config->kind != git::EntryKind::blob) refuse(tree_config_name, *config, "a plain file");
    return git::read_blob(repository_, config->id);
}

std::vector<std::string> GitTreeSource::folders() const {
    std::vector<std::string> names;
    for (const git::TreeEntry& entry : top_) {
        if (entry.kind == git::EntryKind::tree) {
            names.push_back(entry.name);
        } else if (entry.kind != git::EntryKind::blob) {
            refuse(entry.name, entry, "a plain file or folder");
        }
    }
    return names;
}

void GitTreeSource::list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const {
    const std::optional<git::ObjectId> folder = kind_tree(kind);
    if (!folder) return;
    for (const git::TreeEntry& entry : git::list_tree(repository_, *folder)) {
        visit(SourceEntry{entry.name, entry.kind == git::EntryKind::blob,
                          blob_stamps_ ? std::optional<FileStamp>(blob_stamp(entry.id)) : std::nullopt});
    }
}

const std::unordered_map<std::string, git::TreeEntry>* GitTreeSource::folder_entries(const model::Kind& kind) const {
    const auto cached = folders_.find(kind.folder);
    if (cached != folders_.end()) return &cached->second;
    const std::optional<git::ObjectId> folder = kind_tree(kind);
    if (!folder) return nullptr;
    std::unordered_map<std::string, git::TreeEntry> entries;
    for (git::TreeEntry& entry : git::list_tree(repository_, *folder)) {
        std::string name = entry.name;
        entries.emplace(std::move(name), std::move(entry));
    }
    return &folders_.emplace(std::string(kind.folder), std::move(entries)).first->second;
}

std::optional<git::TreeEntry> GitTreeSource::tree_entry(const model::Kind& kind, std::string_view name) const {
    if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
    const std::unordered_map<std::string, git::TreeEntry>* entries = folder_entries(kind);
    if (!entries) return std::nullopt;
    const auto found = entries->find(std::string(name));
    if (found == entries->end()) return std::nullopt;
    return found->second;
}

std::optional<SourceEntry> GitTreeSource::entry(const model::Kind& kind, std::string_view name) const {
    const std::optional<git::TreeEntry> found = tree_entry(kind, name);
    if (!found) return std::nullopt;
    return SourceEntry{name, found->kind == git::EntryKind::blob,
                       blob_stamps_ ? std::optional<FileStamp>(blob_stamp(found->id)) : std::nullopt};
}

std::optional<std::string> GitTreeSource::read(const model::Kind& kind, std::string_view name) const {
    // A name is one entry of the folder, never a path into another.
    const std::optional<git::TreeEntry> entry = tree_entry(kind, name);
    if (!entry) return std::nullopt;
    if (entry->kind != git::EntryKind::blob) {
        refuse(std::string(kind.folder) + "/" + std::string(name), *entry, "a plain file");
    }
    // Untrusted: a blob of gigabytes is refused before it is inflated.
    if (const size_t size = git::blob_size(repository_, entry->id); size > format::max_record_bytes) {
        throw Error(ErrorCode::invalid_input,
                    describe(std::string(kind.folder) + "/" + std::string(name)) + ": " + std::to_string(size) +
                        " bytes, over the " + std::to_string(format::max_record_bytes) + "-byte limit of one record");
    }
    return git::read_blob(repository_, entry->id);
}

}  // namespace gittd::tree
