#include "gittd/git/history.hpp"

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

bool commit_exists(const Repository& repository, const ObjectId& id) {
    const git_oid oid = to_oid(id);
    CommitHandle commit;
    return git_commit_lookup(commit.out(), raw(repository), &oid) == 0;
}

std::optional<ObjectId> merge_base(const Repository& repository, const ObjectId& a, const ObjectId& b) {
    const git_oid one = to_oid(a), two = to_oid(b);
    git_oid base;
    const int rc = git_merge_base(&base, raw(repository), &one, &two);
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    check_git(rc, "cannot find the merge base of " + a.hex() + " and " + b.hex());
    return to_object_id(base);
}

bool is_ancestor(const Repository& repository, const ObjectId& ancestor, const ObjectId& descendant) {
    if (ancestor == descendant) return true;
    const git_oid older = to_oid(ancestor), newer = to_oid(descendant);
    const int rc = git_graph_descendant_of(raw(repository), &newer, &older);
    check_git(rc < 0 ? rc : 0, "cannot compare the history of " + ancestor.hex() + " and " + descendant.hex());
    return rc == 1;
}

}  // namespace gittd::git
