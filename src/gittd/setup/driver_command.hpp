#pragma once
// The command git runs as the td-record merge driver
// (merge.td-record.driver): git-td-merge-driver beside the running git-td
// when it is there (an install or a build puts both in one bin/), else the
// bare name, which the shell finds through PATH at merge time.
#include <filesystem>
#include <optional>
#include <string>

namespace gittd::setup {

inline constexpr const char* merge_driver_name = "git-td-merge-driver";
inline constexpr const char* merge_driver_arguments = "%O %A %B %L %P";

// The driver program for a git-td at `self` (nullopt: unknown): the absolute
// path of the sibling when it is an executable file, else the bare name.
std::string merge_driver_program(const std::optional<std::filesystem::path>& self);

// The config value: `program` as one word of git's `sh -c` command line
// (shell-quoted, and `%` doubled because git expands %O, %A, … in it), then
// the arguments.
std::string merge_driver_command(const std::string& program);

// The program a configured driver command runs: its first word, unquoted,
// with `%%` back to `%`; nullopt when the command is empty or its quoting is
// unbalanced.
std::optional<std::string> driver_command_program(const std::string& command);

}  // namespace gittd::setup
