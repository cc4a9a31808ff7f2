#pragma once
// `git td doctor`: checks that this clone is set up the way `git td init`
// leaves it and that td's database and the export tree are usable, and says
// for each problem the command that fixes it. A check that cannot run (an
// unreadable file, a libgit2 failure) is itself a finding, never an abort, so
// that a clone which never ran init gets the whole list.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gittd/exchange/workspace.hpp"

namespace gittd::setup {

struct Finding {
    std::string check;  // setup, tree_config, gitignore, attributes, merge_driver,
                        // hook:<name>, hooks, git_td_on_path, links, database, conflict_markers
    bool ok = true;
    std::string message;
    std::string fix;  // a command to run; empty when ok
};

// How fix commands are spelled for the user: `prefix` goes before each one
// ("cd DIR && " when the user named the directory with -C, else empty),
// `git_td` is how git-td is called here ("git td", plus --db when given).
struct FixStyle {
    std::string prefix;
    std::string git_td = "git td";
};

struct DoctorOptions {
    FixStyle style;
    std::optional<std::filesystem::path> self;  // the running git-td
};

std::vector<Finding> run_doctor(const exchange::Workspace& workspace, const DoctorOptions& options);

// The data half (doctor_data.cpp): td's database and the export tree's files.
// Every symbolic link at .gitignore, .todos, .todos/export or inside the tree
// (one finding each); `tree_reachable` says whether .todos and the tree are
// plain folders, so that the checks below may open them.
std::vector<Finding> check_links(const exchange::Workspace& workspace, bool& tree_reachable);
std::vector<Finding> check_database(const exchange::Workspace& workspace, const FixStyle& style);
std::vector<Finding> check_conflict_markers(const exchange::Workspace& workspace, const FixStyle& style);

}  // namespace gittd::setup
