#include "gittd/setup/clone_config.hpp"

#include "gittd/exchange/sync.hpp"
#include "gittd/util/error.hpp"

namespace gittd::setup {

std::string mode_name(Mode mode) { return mode == Mode::branch ? "branch" : "inline"; }

std::optional<Mode> mode_from_name(const std::string& name) {
    if (name == "inline") return Mode::inline_mode;
    if (name == "branch") return Mode::branch;
    return std::nullopt;
}

std::optional<Mode> configured_mode(const git::Config& config) {
    const std::optional<std::string> value = config.get(mode_key);
    if (!value) return std::nullopt;
    if (auto mode = mode_from_name(*value)) return mode;
    throw Error(ErrorCode::invalid_input, std::string(mode_key) + " is '" + *value +
                                              "' in the git config; run 'git td init --mode inline' or "
                                              "'git td init --mode branch'");
}

std::vector<ConfigEntry> write_clone_config(git::Config& config, Mode mode, const std::string& driver_command) {
    std::vector<ConfigEntry> entries = {{driver_name_key, driver_description},
                                        {driver_key, driver_command},
                                        {diff_header_key, diff_header_pattern},
                                        {mode_key, mode_name(mode)}};
    for (ConfigEntry& entry : entries) entry.changed = config.set_local(entry.key, entry.value);
    return entries;
}

std::vector<ConfigEntry> remove_clone_config(git::Config& config) {
    std::vector<ConfigEntry> entries;
    for (const char* key : {driver_name_key, driver_key, diff_header_key, mode_key, exchange::sync_remote_key,
                            exchange::sync_branch_key}) {
        ConfigEntry entry{key, config.get_local(key).value_or("")};
        entry.changed = config.unset_local(key);
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace gittd::setup
