#pragma once
// The commits reachable from one commit, newest first (by commit time, and
// never a parent before its child, as git log shows them), with what
// `git td log` shows of each.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::git {

struct CommitInfo {
    ObjectId id;
    std::vector<ObjectId> parents;
    std::string author_name, author_email, summary;  // summary: the message's first line
    std::int64_t author_time = 0;                    // seconds since the epoch
    int author_offset_minutes = 0;                   // the author's time zone
};

// Calls `visit` for every commit reachable from `start`, newest first;
// stops early when it returns false.
void walk_commits(const Repository& repository, const ObjectId& start,
                  const std::function<bool(const CommitInfo&)>& visit);

}  // namespace gittd::git
