#include "gittd/tree/tree_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "gittd/util/error.hpp"

namespace gittd::tree {

FileStamp TreeWriter::stage(const model::Kind& kind, std::string_view name, std::string_view bytes) {
    const int folder = tree_.folder_fd(kind, true);
    // A link where the file goes is refused, not replaced: the tree is untrusted.
    tree_.stamp(kind, name);
    return stamp_from(writes_.stage(folder, name, bytes, tree_.folder_path(kind)));
}

void TreeWriter::remove(const model::Kind& kind, std::string_view name) { removals_.emplace_back(&kind, name); }

void TreeWriter::commit() {
    writes_.commit();
    for (const auto& [kind, name] : removals_) {
        const int folder = tree_.folder_fd(*kind);
        // unlinkat removes a link itself, never what it points at.
        if (folder < 0 || ::unlinkat(folder, name.c_str(), 0) == 0 || errno == ENOENT) continue;
        throw Error(ErrorCode::io, tree_.folder_path(*kind) + "/" + name + ": cannot remove: " + std::strerror(errno));
    }
    if (config_) write_tree_config(tree_, *config_);
}

}  // namespace gittd::tree
