#include "gittd/setup/hooks.hpp"

#include <unistd.h>

#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

namespace {

fs::path chained_path(const fs::path& hook) { return fs::path(hook.string() + chained_suffix); }

bool exists_no_follow(const fs::path& path) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) throw Error(ErrorCode::io, from.string() + ": cannot rename to " + to.string() + ": " + ec.message());
}

void write_shim(const fs::path& path, std::string_view text) {
    write_file_atomic(path, text);
    std::error_code ec;
    fs::permissions(path, fs::perms(0755), fs::perm_options::replace, ec);
    if (ec) throw Error(ErrorCode::io, path.string() + ": cannot make it executable: " + ec.message());
}

}  // namespace

fs::path hooks_dir(const git::RepositoryPaths& paths, const git::Config& config) {
    if (const auto configured = config.get_path("core.hooksPath"); configured && !configured->empty()) {
        const fs::path path(*configured);
        return (path.is_absolute() ? path : paths.workdir / path).lexically_normal();
    }
    return paths.common_dir / "hooks";
}

HookStatus hook_status(const fs::path& dir, const HookScript& script) {
    HookStatus status{std::string(script.name), dir / std::string(script.name)};
    status.chained = exists_no_follow(chained_path(status.path));
    std::error_code ec;
    const fs::file_status file = fs::symlink_status(status.path, ec);
    if (!fs::exists(file)) return status;
    status.executable = ::access(status.path.c_str(), X_OK) == 0;
    if (!fs::is_regular_file(file)) {
        status.state = HookState::foreign;
        return status;
    }
    const std::string text = read_file_if_exists(status.path).value_or("");
    if (!is_git_td_hook(text)) {
        status.state = HookState::foreign;
    } else {
        status.state = text == script.text ? HookState::current : HookState::outdated;
    }
    return status;
}

std::vector<HookChange> install_hooks(const fs::path& dir, Diagnostics& diagnostics) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(ErrorCode::io, dir.string() + ": cannot create the hooks directory: " + ec.message());
    std::vector<HookChange> changes;
    for (const HookScript& script : hook_scripts()) {
        const HookStatus status = hook_status(dir, script);
        HookChange change{status.name, "installed"};
        switch (status.state) {
            case HookState::missing: write_shim(status.path, script.text); break;
            case HookState::current:
                if (status.executable) {
                    change.action = "unchanged";
                } else {
                    write_shim(status.path, script.text);
                    change.action = "updated";
                }
                break;
            case HookState::outdated:
                write_shim(status.path, script.text);
                change.action = "updated";
                break;
            case HookState::foreign:
                if (status.chained) {
                    diagnostics.warn(status.path.string() + " is not git-td's, and " +
                                     chained_path(status.path).string() +
                                     " exists too: git-td's hook was not installed. Merge the two into the "
                                     "second, remove the first, and run 'git td init' again");
                    change.action = "skipped";
                    break;
                }
                rename_or_throw(status.path, chained_path(status.path));
                write_shim(status.path, script.text);
                change.action = "chained";
                break;
        }
        changes.push_back(std::move(change));
    }
    return changes;
}

std::vector<HookChange> uninstall_hooks(const fs::path& dir, Diagnostics& diagnostics) {
    std::vector<HookChange> changes;
    for (const HookScript& script : hook_scripts()) {
        const HookStatus status = hook_status(dir, script);
        HookChange change{status.name, "absent"};
        if (status.state == HookState::foreign) {
            change.action = "left";
            if (status.chained) {
                diagnostics.warn(status.path.string() + " is not git-td's, so it was left, and so was " +
                                 chained_path(status.path).string() + "; keep whichever you need");
            }
        } else {
            if (status.state != HookState::missing) {
                std::error_code ec;
                fs::remove(status.path, ec);
                if (ec) throw Error(ErrorCode::io, status.path.string() + ": cannot remove: " + ec.message());
                change.action = "removed";
            }
            if (status.chained) {
                rename_or_throw(chained_path(status.path), status.path);
                change.action = "restored";
            }
        }
        changes.push_back(std::move(change));
    }
    return changes;
}

}  // namespace gittd::setup
