#include "gittd/tree/tree_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "gittd/util/error.hpp"

namespace gittd::tree {

namespace {
// Files handed to the creating thread and not yet created: enough to keep
// it busy while the caller converts, few enough to keep memory flat.
constexpr size_t creates_in_flight = 512;

// strerror for the creating thread: std::strerror may share its buffer
// between threads.
std::string error_text(int error) { return std::generic_category().message(error); }
}  // namespace

TreeWriter::~TreeWriter() {
    creator_.reset();        // drops what it has not started: created_ is complete
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

void TreeWriter::create(const model::Kind& kind, std::string_view name, std::string bytes, Written then) {
    // One page or less is one copy in the kernel, which a kill cannot cut
    // short: the file is empty or whole (what recovery relies on). Larger
    // records, a few, go through a temporary.
    if (!journal_ || bytes.size() > in_place_limit) {
        then(stage(kind, name, bytes));
        return;
    }
    throw_if_interrupted();
    settle_finished();
    // The tree's folder maps are this thread's: the creating thread gets
    // the open folder and its path (a map node's string, which stays put).
    auto file =
        std::make_unique<PendingCreate>(PendingCreate{&kind, tree_.folder_fd(kind, true), &tree_.folder_path(kind),
                                                      std::string(name), std::move(bytes), std::move(then)});
    PendingCreate& handed = *file;
    pending_.push_back(std::move(file));
    if (!creator_) creator_.emplace(creates_in_flight);
    creator_->post([this, &handed] { create_now(handed); });
}

void TreeWriter::create_now(PendingCreate& file) {
    const std::string shown = *file.folder_path + "/" + file.name;
    journal_->intend(file.kind->folder, file.name, file.bytes);
    // O_EXCL: never through a link, never over a file that appeared.
    UniqueFd fd(::openat(file.folder, file.name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) {
        const int saved = errno;
        journal_->cancel(file.kind->folder, file.name);
        if (saved == EEXIST) {
            file.existed = true;  // staged by the caller's thread instead
            return;
        }
        throw Error(ErrorCode::io, shown + ": cannot create: " + error_text(saved));
    }
    created_.emplace_back(file.kind, file.name);
    write_all(fd.get(), file.bytes, shown);
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw Error(ErrorCode::io, shown + ": cannot stat: " + error_text(errno));
    if (::close(fd.release()) != 0) throw Error(ErrorCode::io, shown + ": cannot write: " + error_text(errno));
    file.stamp = stamp_from(info);
}

void TreeWriter::settle_finished() {
    if (!creator_) return;
    const size_t finished = creator_->finished();
    while (settled_ < finished) {
        const std::unique_ptr<PendingCreate> file = std::move(pending_.front());
        pending_.pop_front();
        ++settled_;
        file->then(file->existed ? stage(*file->kind, file->name, file->bytes) : file->stamp);
    }
}

void TreeWriter::remove(const model::Kind& kind, std::string_view name) { removals_.emplace_back(&kind, name); }

void TreeWriter::settle() {
    if (!creator_) return;
    creator_->wait();
    settle_finished();
}

void TreeWriter::commit() {
    throw_if_interrupted();
    settle();
    creator_.reset();  // idle; the journal and created_ are this thread's again
    settled_ = 0;
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
