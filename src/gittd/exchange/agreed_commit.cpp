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
    write_file_atomic(path, history.head->hex() + "\n");
}

void forget_agreed_commit(const Workspace& workspace) {
    const fs::path path = agreed_commit_path(workspace);
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) throw Error(ErrorCode::io, path.string() + ": cannot remove: " + ec.message());
}

}  // namespace gittd::exchange
