#include "gittd/tree/record_path.hpp"

#include "gittd/util/safe_id.hpp"

namespace gittd::tree {

namespace {

bool is_tree_root(std::string_view directory) {
    constexpr std::string_view root = ".todos/export";
    if (directory.empty() || directory == root) return true;
    return directory.size() > root.size() && directory.ends_with(root) &&
           directory[directory.size() - root.size() - 1] == '/';
}

}  // namespace

RecordPath classify_path(std::string_view path) {
    RecordPath result;
    const size_t slash = path.rfind('/');
    const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::string_view directory = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    if (is_tree_root(directory)) return result;  // other_file

    const size_t folder_start = directory.rfind('/');
    result.folder =
        std::string(folder_start == std::string_view::npos ? directory : directory.substr(folder_start + 1));
    result.kind = model::kind_by_folder(result.folder);
    if (!result.kind) {
        result.what = RecordPath::What::unknown_folder;
        return result;
    }

    const auto [stem, extension] = split_file_name(file);
    if (!is_record_extension(extension)) return result;  // other_file
    result.format = *format::format_from_name(extension);
    result.id = std::string(stem);
    result.what = is_safe_id(result.id) ? RecordPath::What::record : RecordPath::What::bad_name;
    return result;
}

std::string record_file_name(std::string_view id, format::Format format) {
    return std::string(id) + "." + std::string(format::extension(format));
}

std::string record_path(const model::Kind& kind, std::string_view id, format::Format format) {
    return std::string(kind.folder) + "/" + record_file_name(id, format);
}

FileName split_file_name(std::string_view name) {
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return {name, {}};
    return {name.substr(0, dot), name.substr(dot + 1)};
}

bool is_record_extension(std::string_view extension) { return extension == "yaml" || extension == "json"; }

}  // namespace gittd::tree
