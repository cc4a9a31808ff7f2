#include "gittd/git/commit_walk.hpp"

#include <git2.h>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"

namespace gittd::git {

namespace {
using RevwalkHandle = Handle<git_revwalk, git_revwalk_free>;
}  // namespace

void walk_commits(const Repository& repository, const ObjectId& start,
                  const std::function<bool(const CommitInfo&)>& visit) {
    RevwalkHandle walk;
    check_git(git_revwalk_new(walk.out(), raw(repository)), "cannot walk the history");
    check_git(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), "cannot walk the history");
    const git_oid start_oid = to_oid(start);
    check_git(git_revwalk_push(walk.get(), &start_oid), "cannot walk the history from " + start.hex());
    git_oid oid;
    int rc = 0;
    while ((rc = git_revwalk_next(&oid, walk.get())) == 0) {
        CommitHandle commit;
        check_git(git_commit_lookup(commit.out(), raw(repository), &oid), "cannot read a commit of the history");
        CommitInfo info;
        info.id = to_object_id(oid);
        for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i)
            info.parents.push_back(to_object_id(*git_commit_parent_id(commit.get(), i)));
        const git_signature* author = git_commit_author(commit.get());
        info.author_name = author->name ? author->name : "";
        info.author_email = author->email ? author->email : "";
        info.author_time = author->when.time;
        info.author_offset_minutes = author->when.offset;
        const char* summary = git_commit_summary(commit.get());
        info.summary = summary ? summary : "";
        if (!visit(info)) return;
    }
    if (rc != GIT_ITEROVER) check_git(rc, "cannot walk the history");
}

}  // namespace gittd::git
