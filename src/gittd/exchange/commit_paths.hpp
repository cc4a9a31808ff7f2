#pragma once
// What a commit must carry of the export folder (decision 75): every record
// td agreed that HEAD does not hold yet (the base store's unsettled records,
// tree_feed.hpp, in either format), the files the export just wrote or
// removed, and .gitattributes when HEAD lacks it as it is; the whole folder
// when git-td.yaml changed (a format switch rewrites every file). Not a stat
// of every file, and never a stray file or a hand edit td has not agreed.
// The pre-commit hook stages these paths; `git td commit` commits them.
#include <set>
#include <string>

#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/workspace.hpp"

namespace gittd::exchange {

struct CommitPaths {
    bool whole_folder = false;    // every file of the export folder (paths is empty)
    std::set<std::string> paths;  // from the repository's top, '/'-separated
};

CommitPaths plan_commit_paths(const Workspace& workspace, const ExportReport& report);

}  // namespace gittd::exchange
