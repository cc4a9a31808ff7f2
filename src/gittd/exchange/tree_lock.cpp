#include "gittd/exchange/tree_lock.hpp"

#include <chrono>
#include <map>
#include <optional>

#include "gittd/db/td_lock.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

namespace fs = std::filesystem;

namespace {

constexpr std::chrono::minutes wait{2};

// The locks this process holds, by path, with how many holders each has.
// git-td takes them on its main thread only.
struct Held {
    int holders = 0;
    std::optional<db::TdLock> lock;
};
std::map<std::string, Held>& held_locks() {
    static std::map<std::string, Held> held;
    return held;
}

}  // namespace

TreeLock::TreeLock(const Workspace& workspace, Diagnostics& diagnostics, bool dry_run) {
    if (dry_run) return;
    const fs::path dir = git_td_dir(workspace);
    const std::string path = (dir / "tree.lock").string();
    Held& held = held_locks()[path];
    if (held.holders == 0) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) throw Error(ErrorCode::io, dir.string() + ": cannot create: " + ec.message());
        held.lock.emplace(db::TdLock::acquire(path, std::chrono::duration_cast<std::chrono::milliseconds>(wait),
                                              "this worktree's export tree (another git-td export or import)"));
        try {
            recover_dead_export(workspace, working_tree(workspace), diagnostics);
        } catch (...) {
            held.lock.reset();
            throw;
        }
    }
    ++held.holders;
    path_ = path;
}

TreeLock::~TreeLock() {
    if (path_.empty()) return;
    Held& held = held_locks()[path_];
    if (--held.holders == 0) held.lock.reset();
}

}  // namespace gittd::exchange
