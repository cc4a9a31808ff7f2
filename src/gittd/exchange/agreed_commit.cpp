#include "gittd/exchange/agreed_commit.hpp"

#include "gittd/git/history.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::exchange {

namespace fs = std::filesystem;

namespace {

std::optional<git::ObjectId> read_agreed(const Workspace& workspace) {
    const std::optional<std::string> text = read_file_if_exists(agreed_commit_path(workspace));
    if (!text) return std::nullopt;
    // A damaged file agrees with nothing: the fallback is safe, never lossy.
    return git::ObjectId::from_hex(text->substr(0, text->find('\n')));
}

}  // namespace

fs::path agreed_commit_path(const Workspace& workspace) {
    const std::optional<std::string> key = database_key(workspace);
    return workspace.repo.common_dir / "git-td" / (key ? "agreed-" + *key : std::string("agreed"));
}

ImportHistory find_import_history(const Workspace& workspace) {
    ImportHistory history;
    history.head = workspace.git.resolve("HEAD");
    history.agreed = read_agreed(workspace);
    if (history.agreed && !git::commit_exists(workspace.git, *history.agreed)) history.agreed.reset();
    if (history.head && history.agreed) history.base = git::merge_base(workspace.git, *history.agreed, *history.head);
    return history;
}

void advance_agreed_commit(const Workspace& workspace, const ImportHistory& history) {
    if (!history.head) return;
    if (history.agreed && git::is_ancestor(workspace.git, *history.head, *history.agreed)) return;
    const fs::path path = agreed_commit_path(workspace);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    write_file_atomic(path, history.head->hex() + "\n");
}

void forget_agreement(const Workspace& workspace) {
    std::error_code ec;
    fs::remove(agreed_commit_path(workspace), ec);
    fs::remove(base_store_path(workspace), ec);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        fs::path sidecar = base_store_path(workspace);
        sidecar += suffix;
        fs::remove(sidecar, ec);
    }
}

}  // namespace gittd::exchange
