#include "gittd/tree/working_tree.hpp"

#include <unistd.h>

#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/directory_scan.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::tree {

namespace fs = std::filesystem;

namespace {
// A temporary file an earlier git-td (before issue 9) left beside a record
// when it was killed: nothing else will ever remove it.
bool remove_if_stale(int dir, std::string_view name) {
    if (!is_temp_file_name(name) || !is_stale_temp_file(name)) return false;
    ::unlinkat(dir, std::string(name).c_str(), 0);
    return true;
}
}  // namespace

WorkingTree::WorkingTree(fs::path top, std::string relative)
    : top_(std::move(top)), relative_(std::move(relative)), export_dir_(top_ / relative_) {}

std::string WorkingTree::relative(std::string_view inside) const {
    return inside.empty() ? relative_ : relative_ + "/" + std::string(inside);
}

std::string WorkingTree::describe(std::string_view relative) const {
    // Plain concatenation: import names every file it reads, and a
    // std::filesystem::path per file was a measurable part of a scan.
    return relative.empty() ? export_dir_.native() : export_dir_.native() + "/" + std::string(relative);
}

int WorkingTree::tree_fd(bool create) const {
    if (!tree_) tree_ = open_directory_in(top_, relative_, create);
    return tree_.get();
}

int WorkingTree::folder_fd(const model::Kind& kind, bool create) const {
    const auto found = folders_.find(kind.folder);
    if (found != folders_.end()) return found->second.get();
    // Through the tree's own fd: a link at .todos/export is refused first.
    const int tree = tree_fd(create);
    if (tree < 0) return -1;
    // The kind folder itself is opened without following a link.
    UniqueFd folder = open_directory_in(top_, relative(kind.folder), create);
    if (!folder) return -1;
    const int fd = folder.get();
    folders_.emplace(std::string(kind.folder), std::move(folder));
    return fd;
}

const std::string& WorkingTree::folder_path(const model::Kind& kind) const {
    auto found = folder_paths_.find(kind.folder);
    if (found == folder_paths_.end()) {
        found = folder_paths_.emplace(std::string(kind.folder), folder(kind).native()).first;
    }
    return found->second;
}

std::optional<std::string> WorkingTree::read_config() const {
    const int tree = tree_fd();
    if (tree < 0) return std::nullopt;
    return read_file_at(tree, tree_config_name, top_, relative(tree_config_name));
}

std::vector<std::string> WorkingTree::folders() const {
    std::vector<std::string> names;
    const int tree = tree_fd();
    if (tree < 0) return names;
    for_each_entry_of(tree, export_dir_.native(), [&](int fd, const dirent& entry) {
        struct stat info {};
        if (::fstatat(fd, entry.d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) return;
        if (S_ISLNK(info.st_mode)) refuse_link(top_, relative(entry.d_name));
        if (S_ISDIR(info.st_mode)) names.emplace_back(entry.d_name);
    });
    return names;
}

void WorkingTree::list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const {
    const int folder = folder_fd(kind);
    if (folder < 0) return;
    for_each_entry_of(folder, folder_path(kind), [&](int fd, const dirent& entry) {
        const std::string_view name = entry.d_name;
        struct stat info {};
        if (::fstatat(fd, entry.d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT) return;  // removed while we listed
            throw Error(ErrorCode::io, describe(std::string(kind.folder) + "/" + std::string(name)) +
                                           ": cannot stat: " + std::strerror(errno));
        }
        if (S_ISLNK(info.st_mode)) refuse_link(top_, relative(std::string(kind.folder) + "/" + std::string(name)));
        if (remove_if_stale(fd, name)) return;
        const bool regular = S_ISREG(info.st_mode);
        visit(SourceEntry{name, regular, regular ? std::optional<FileStamp>(stamp_from(info)) : std::nullopt});
    });
}

std::optional<SourceEntry> WorkingTree::entry(const model::Kind& kind, std::string_view name) const {
    const int folder = folder_fd(kind);
    if (folder < 0) return std::nullopt;
    const auto info = stat_entry_at(folder, name, top_, relative(std::string(kind.folder) + "/" + std::string(name)));
    if (!info) return std::nullopt;
    const bool regular = S_ISREG(info->st_mode);
    return SourceEntry{name, regular, regular ? std::optional<FileStamp>(stamp_from(*info)) : std::nullopt};
}

std::optional<std::string> WorkingTree::read(const model::Kind& kind, std::string_view name) const {
    const int folder = folder_fd(kind);
    if (folder < 0) return std::nullopt;
    return read_file_at(folder, name, top_, relative(std::string(kind.folder) + "/" + std::string(name)));
}

std::optional<FileRead> WorkingTree::read_with_stat(const model::Kind& kind, std::string_view name) const {
    const int folder = folder_fd(kind);
    if (folder < 0) return std::nullopt;
    return read_file_and_stat_at(folder, name, top_, relative(std::string(kind.folder) + "/" + std::string(name)));
}

std::unordered_set<std::string> WorkingTree::record_files(const model::Kind& kind) const {
    std::unordered_set<std::string> files;
    const int folder = folder_fd(kind);
    if (folder < 0) return files;
    for_each_entry_of(folder, folder_path(kind), [&](int fd, const dirent& entry) {
        const std::string_view name = entry.d_name;
        bool regular = entry.d_type == DT_REG;
        bool link = entry.d_type == DT_LNK;
        if (entry.d_type == DT_UNKNOWN) {
            struct stat info {};
            regular = ::fstatat(fd, entry.d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(info.st_mode);
            link = !regular && S_ISLNK(info.st_mode);
        }
        if (link) refuse_link(top_, relative(std::string(kind.folder) + "/" + std::string(name)));
        if (!regular || remove_if_stale(fd, name)) return;
        const auto [stem, extension] = split_file_name(name);
        if (is_record_extension(extension) && is_safe_id(stem)) files.emplace(name);
    });
    return files;
}

std::optional<FileStamp> WorkingTree::stamp(const model::Kind& kind, std::string_view name) const {
    const int folder = folder_fd(kind);
    if (folder < 0) return std::nullopt;
    const auto info = stat_entry_at(folder, name, top_, relative(std::string(kind.folder) + "/" + std::string(name)));
    if (!info) return std::nullopt;
    return stamp_from(*info);
}

}  // namespace gittd::tree
