#include "gittd/tree/tree_writer.hpp"

#include "gittd/util/error.hpp"

namespace gittd::tree {

FileStamp TreeWriter::stage(const model::Kind& kind, std::string_view name, std::string_view bytes) {
    const std::string temp = writes_.stage(tree_.folder(kind) / name, bytes);
    return stamp_of(temp).value_or(FileStamp{});
}

void TreeWriter::remove(const model::Kind& kind, std::string_view name) {
    removals_.push_back((tree_.folder(kind) / name).native());
}

void TreeWriter::commit() {
    writes_.commit();
    for (const std::string& path : removals_) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        if (ec) throw Error(ErrorCode::io, path + ": cannot remove: " + ec.message());
    }
    if (config_) write_tree_config(tree_.export_dir(), *config_);
}

}  // namespace gittd::tree
