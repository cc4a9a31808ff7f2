#include "gittd/tree/working_tree.hpp"

#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/directory_scan.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::tree {

namespace fs = std::filesystem;

std::string WorkingTree::describe(std::string_view relative) const {
    // Plain concatenation: import names every file it reads, and a
    // std::filesystem::path per file was a measurable part of a scan.
    return relative.empty() ? export_dir_.native() : export_dir_.native() + "/" + std::string(relative);
}

std::optional<std::string> WorkingTree::read_config() const {
    return read_file_if_exists(export_dir_ / tree_config_name);
}

std::vector<std::string> WorkingTree::folders() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(export_dir_, ec)) {
        if (entry.is_directory(ec)) names.push_back(entry.path().filename().string());
    }
    return names;
}

void WorkingTree::list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const {
    scan_directory(folder(kind), [&](std::string_view name, const struct stat& info) {
        const bool regular = S_ISREG(info.st_mode);
        visit(SourceEntry{name, regular, regular ? std::optional<FileStamp>(stamp_from(info)) : std::nullopt});
    });
}

std::optional<std::string> WorkingTree::read(const model::Kind& kind, std::string_view name) const {
    return read_file_if_exists(folder(kind) / name);
}

std::unordered_set<std::string> WorkingTree::record_files(const model::Kind& kind) const {
    std::unordered_set<std::string> files;
    list_regular_files(folder(kind), [&](std::string_view name) {
        const auto [stem, extension] = split_file_name(name);
        if (is_record_extension(extension) && is_safe_id(stem)) files.emplace(name);
    });
    return files;
}

std::optional<FileStamp> WorkingTree::stamp(const model::Kind& kind, std::string_view name) const {
    return stamp_of(folder(kind) / name);
}

}  // namespace gittd::tree
