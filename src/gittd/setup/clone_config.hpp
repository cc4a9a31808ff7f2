#pragma once
// The per-clone git config `git td init` writes into the repository's own
// config file (.git/config of the common dir), never into a versioned
// include: a merge driver is a command git runs, and a repository must not be
// able to choose the commands its clones run.
//   merge.td-record.name    what `git help attributes` calls the driver
//   merge.td-record.driver  <git-td-merge-driver> %O %A %B %L %P
//   git-td.mode             inline | branch
//   git-td.remote, git-td.branch  branch mode: where `git td sync` goes
//                           (exchange/sync.hpp names them)
//   diff.td-record.xfuncname  the line git shows in each hunk header of a
//                           record file: its title (or message, text, name,
//                           issue id), so `git diff` and `git log -p` name
//                           the record, not a YAML line (decision 106)
#include <optional>
#include <string>
#include <vector>

#include "gittd/git/config.hpp"

namespace gittd::setup {

enum class Mode { inline_mode, branch };

std::string mode_name(Mode mode);
std::optional<Mode> mode_from_name(const std::string& name);

inline constexpr const char* mode_key = "git-td.mode";
inline constexpr const char* driver_name_key = "merge.td-record.name";
inline constexpr const char* driver_key = "merge.td-record.driver";
inline constexpr const char* driver_description = "git-td: td records, merged field by field";
inline constexpr const char* diff_header_key = "diff.td-record.xfuncname";
// A POSIX extended regex, as git reads xfuncname: a top-level naming field
// of a YAML record, or of a JSON one (two spaces in).
inline constexpr const char* diff_header_pattern =
    "^((title|name|message|text|issue_id): .*|  \"(title|name|message|text|issue_id)\": .*)$";

struct ConfigEntry {
    std::string key, value;
    bool changed = false;  // init: written now; uninstall: removed now
};

// The mode this clone was set up in (git-td.mode), or nullopt when it was not.
// Throws Error(invalid_input) for a value git-td does not know.
std::optional<Mode> configured_mode(const git::Config& config);

// Writes every entry; each reports whether it changed the file.
std::vector<ConfigEntry> write_clone_config(git::Config& config, Mode mode, const std::string& driver_command);

// Removes the keys write_clone_config writes (and the sections left empty).
std::vector<ConfigEntry> remove_clone_config(git::Config& config);

}  // namespace gittd::setup
