#include "gittd/tree/tree_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "gittd/util/error.hpp"

namespace gittd::tree {

TreeWriter::~TreeWriter() {
    if (committed_) return;  // the journal stays until the base store has recorded the files
    bool undone = true;
    for (const auto& [kind, name] : created_) {
        const int folder = tree_.folder_fd(*kind);
        if (folder >= 0 && ::unlinkat(folder, name.c_str(), 0) != 0 && errno != ENOENT) undone = false;
    }
    // A file that could not be removed is the next run's to remove.
    if (journal_ && undone) {
        try {
            journal_->remove();
        } catch (const Error&) {
        }
    }
}

FileStamp TreeWriter::stage(const model::Kind& kind, std::string_view name, std::string_view bytes) {
    throw_if_interrupted();
    const int folder = tree_.folder_fd(kind, true);
    // A link where the file goes is refused, not replaced: the tree is untrusted.
    tree_.stamp(kind, name);
    return stamp_from(writes_.stage(folder, name, bytes, tree_.folder_path(kind)));
}

FileStamp TreeWriter::create(const model::Kind& kind, std::string_view name, std::string_view bytes) {
    // One page or less is one copy in the kernel, which a kill cannot cut
    // short: the file is empty or whole (what recovery relies on). Larger
    // records, a few, go through a temporary.
    if (!journal_ || bytes.size() > in_place_limit) return stage(kind, name, bytes);
    throw_if_interrupted();
    const int folder = tree_.folder_fd(kind, true);
    const std::string file(name);
    const std::string shown = tree_.folder_path(kind) + "/" + file;
    journal_->intend(kind.folder, name, bytes);
    // O_EXCL: never through a link, never over a file that appeared.
    UniqueFd fd(::openat(folder, file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) {
        const int saved = errno;
        journal_->cancel(kind.folder, name);
        if (saved == EEXIST) return stage(kind, name, bytes);
        throw Error(ErrorCode::io, shown + ": cannot create: " + std::strerror(saved));
    }
    created_.emplace_back(&kind, file);
    write_all(fd.get(), bytes, shown);
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw Error(ErrorCode::io, shown + ": cannot stat: " + std::strerror(errno));
    if (::close(fd.release()) != 0) throw Error(ErrorCode::io, shown + ": cannot write: " + std::strerror(errno));
    return stamp_from(info);
}

void TreeWriter::remove(const model::Kind& kind, std::string_view name) { removals_.emplace_back(&kind, name); }

void TreeWriter::commit() {
    throw_if_interrupted();
    writes_.commit();
    committed_ = true;
    for (const auto& [kind, name] : removals_) {
        const int folder = tree_.folder_fd(*kind);
        // unlinkat removes a link itself, never what it points at.
        if (folder < 0 || ::unlinkat(folder, name.c_str(), 0) == 0 || errno == ENOENT) continue;
        throw Error(ErrorCode::io, tree_.folder_path(*kind) + "/" + name + ": cannot remove: " + std::strerror(errno));
    }
    if (config_) write_tree_config(tree_, *config_);
}

}  // namespace gittd::tree
