#pragma once
// The history of one record through git (`git td log ID`): every commit
// reachable from HEAD whose version of the record differs from each of its
// parents', newest first, with the fields it changed against its first
// parent. As git log's default history simplification does, a merge that
// took one side's version as it was is not listed and only that side is
// followed (the other side's commits touched another version). A record
// `git td resolve` re-keyed (an id collision) is followed back under its old
// id into the parent whose record it was (the same birth fields), and the
// merge that re-keyed it shows `id: old -> new`.
#include <string>
#include <vector>

#include "gittd/exchange/task_diff.hpp"
#include "gittd/git/commit_walk.hpp"

namespace gittd::exchange {

struct RecordLogEntry {
    git::CommitInfo commit;
    RecordDiff change;  // against the first parent (added when it had none)
};

struct RecordLog {
    std::string folder;  // the kind folder the record lives in (empty when no commit has it)
    std::vector<RecordLogEntry> entries;
};

// `id` must be a safe record id (refused otherwise: it becomes a path).
RecordLog record_log(const git::Repository& repository, const std::string& export_path, const std::string& id,
                     const git::ObjectId& head);

}  // namespace gittd::exchange
