#pragma once
// Fetching and pushing one branch through libgit2's transports: a local
// path, file://, git://, ssh:// and scp-style, http(s)://. What `git td sync`
// needs of a remote, and nothing else: the tip of one branch fetched (with
// its objects), and one branch pushed fast-forward only. Connection,
// authentication and rejection problems are Error(git) naming the remote and
// what to do; a push the remote turns down because it moved is a result.
#include <memory>
#include <optional>
#include <string>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::git {

class Remote {
  public:
    // `name_or_url`: a remote configured in the repository (`origin`), or a
    // URL or path (used as `git fetch <url>` would, with no remote-tracking
    // ref). Throws Error(not_found) when it is neither.
    Remote(const Repository& repository, const std::string& name_or_url);
    ~Remote();
    Remote(const Remote&) = delete;
    Remote& operator=(const Remote&) = delete;

    // Where fetch and push tell how many objects they moved ("receiving
    // objects", "pushing objects").
    void report_progress_to(Progress progress);

    // How messages name it: `origin (/srv/td.git)` or the URL.
    const std::string& describe() const { return description_; }

    // Fetches refs/heads/<branch> (its objects only: no ref moves, so a sync
    // that fails afterwards leaves every ref as it was) and returns the
    // commit it names there, nullopt when the remote has no such branch.
    std::optional<ObjectId> fetch(const std::string& branch);

    // For a named remote, points refs/remotes/<name>/<branch> at `tip` (what
    // a fetch or push that succeeded saw there); nothing for a URL.
    void track(const std::string& branch, const ObjectId& tip);

    // Pushes `commit` to the remote's refs/heads/<branch>, fast-forward
    // only, before any local branch names it (through a temporary ref,
    // refs/git-td/push/<branch>, removed however the push ends). nullopt
    // when the remote took it; otherwise the reason it gave (the branch
    // moved there since the fetch: fetch and merge again). A named remote's
    // tracking ref follows a push that landed.
    // `expected`: what the fetch saw there (nullopt: no such branch). A
    // remote on this machine (a path, file://) is moved compare-and-swap
    // against it: libgit2's local transport would overwrite whatever a
    // concurrent push left there.
    std::optional<std::string> push(const ObjectId& commit, const std::string& branch,
                                    const std::optional<ObjectId>& expected);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string description_;
};

}  // namespace gittd::git
