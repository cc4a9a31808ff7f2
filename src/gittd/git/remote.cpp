#include "gittd/git/remote.hpp"

#include <git2.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <vector>

#include "gittd/git/credentials.hpp"
#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

namespace {

using RemoteHandle = Handle<git_remote, git_remote_free>;

// What the callbacks learn while libgit2 talks to the remote, over one
// connection.
struct Conversation {
    Conversation(const std::filesystem::path& directory, const std::string& url, const Progress& told)
        : authentication(directory, url), progress(told) {}
    Authentication authentication;
    const Progress& progress;
    bool received_all = false;             // every object of the fetch arrived
    std::optional<std::string> rejection;  // the remote's reason for turning a ref update down
};

int on_push_update(const char* refname, const char* status, void* payload) {
    auto* conversation = static_cast<Conversation*>(payload);
    if (status) conversation->rejection = std::string(refname) + ": " + status;
    return 0;
}

int on_credentials(git_credential** out, const char* /*url*/, const char* username_from_url, unsigned int allowed_types,
                   void* payload) {
    return static_cast<Conversation*>(payload)->authentication.acquire(out, username_from_url, allowed_types);
}

int on_certificate(git_cert* cert, int valid, const char* host, void* payload) {
    return static_cast<Conversation*>(payload)->authentication.check_certificate(cert, valid, host);
}

int on_fetch_progress(const git_indexer_progress* stats, void* payload) {
    auto* conversation = static_cast<Conversation*>(payload);
    // libgit2 goes on calling after every object arrived, while it resolves
    // deltas: the objects' step is said to end once.
    if (!conversation->received_all) {
        report_progress(conversation->progress, "receiving objects", stats->received_objects, stats->total_objects);
        conversation->received_all = stats->total_objects > 0 && stats->received_objects >= stats->total_objects;
    }
    if (conversation->received_all && stats->total_deltas > 0)
        report_progress(conversation->progress, "resolving deltas", stats->indexed_deltas, stats->total_deltas);
    return 0;
}

int on_push_progress(unsigned int current, unsigned int total, size_t /*bytes*/, void* payload) {
    report_progress(static_cast<Conversation*>(payload)->progress, "pushing objects", current, total);
    return 0;
}

git_remote_callbacks callbacks_for(Conversation& conversation) {
    git_remote_callbacks callbacks;
    git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION);
    callbacks.push_update_reference = on_push_update;
    callbacks.credentials = on_credentials;
    callbacks.certificate_check = on_certificate;
    if (conversation.progress) {
        callbacks.transfer_progress = on_fetch_progress;
        callbacks.push_transfer_progress = on_push_progress;
    }
    callbacks.payload = &conversation;
    return callbacks;
}

// Throws when a libgit2 call that talked to the remote failed: with the
// callbacks' own reason when they ended it (a host key, credentials), else
// `what`, the advice, and libgit2's message.
void check_remote(int rc, Conversation& conversation, const std::string& what, const std::string& advice) {
    if (rc >= 0) return;
    Authentication& authentication = conversation.authentication;
    if (rc == GIT_EAUTH) authentication.failed();
    if (authentication.refusal()) throw Error(ErrorCode::git, what + ": " + *authentication.refusal());
    if (rc == GIT_ECERTIFICATE && authentication.unverified_tls_host()) {
        const git_error* e = git_error_last();
        std::string reason = e && e->message ? e->message : "no reason given";
        std::replace(reason.begin(), reason.end(), '\n', ' ');  // mbedTLS lists its reasons one a line
        throw Error(ErrorCode::git, what + ": the TLS certificate of " + *authentication.unverified_tls_host() +
                                        " could not be verified (" + reason +
                                        "); refused: the server needs a certificate its name and the system's CA "
                                        "store (/etc/ssl/certs) vouch for");
    }
    if (const git_error* e = git_error_last(); e && e->message && std::strstr(e->message, "SSH session")) {
        if (const std::optional<std::string> hint = authentication.handshake_hint()) {
            throw Error(ErrorCode::git, what + ": " + e->message + "; " + *hint);
        }
    }
    check_git(rc, what + " (" + advice + ")");
}

// What to do when a download failed: a pack that does not inflate or index
// is the remote's damage, which no retry mends (the hostile corpus's
// corrupt pack said "the connection failed; sync again").
std::string download_advice(int rc) {
    const git_error* e = rc < 0 ? git_error_last() : nullptr;
    const bool damaged = e && (e->klass == GIT_ERROR_ZLIB || e->klass == GIT_ERROR_INDEXER ||
                               e->klass == GIT_ERROR_ODB || e->klass == GIT_ERROR_OBJECT);
    return damaged ? "git objects that do not read: the remote's repository (or this clone's) may be damaged; "
                     "run 'git fsck' in both, then sync again"
                   : "the connection failed; sync again";
}

// Closes the connection however the caller leaves.
class Connection {
  public:
    explicit Connection(git_remote* remote) : remote_(remote) {}
    ~Connection() { git_remote_disconnect(remote_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

  private:
    git_remote* remote_;
};

}  // namespace

struct Remote::Impl {
    git_repository* repository = nullptr;
    std::filesystem::path directory;  // where git's credential helpers run
    RemoteHandle remote;
    std::string name;  // empty for a URL
    Progress progress;

    // The URL libgit2 connects to in `direction`, insteadOf applied.
    std::string url_for(git_direction direction) const {
        const char* url = direction == GIT_DIRECTION_PUSH && git_remote_pushurl(remote.get())
                              ? git_remote_pushurl(remote.get())
                              : git_remote_url(remote.get());
        return url ? url : "";
    }
};

Remote::Remote(const Repository& repository, const std::string& name_or_url) : impl_(std::make_unique<Impl>()) {
    ensure_libgit2();
    // A connection the other end drops must be an error libgit2 reports
    // (EPIPE), not a signal that kills git-td silently in the middle of a
    // push. libgit2 leaves SIGPIPE to the application; git ignores it too.
    std::signal(SIGPIPE, SIG_IGN);
    impl_->repository = raw(repository);
    impl_->directory = repository.paths().workdir;
    const int rc = git_remote_lookup(impl_->remote.out(), impl_->repository, name_or_url.c_str());
    if (rc == 0) {
        impl_->name = name_or_url;
        const char* url = git_remote_url(impl_->remote.get());
        description_ = name_or_url + " (" + (url ? url : "no URL") + ")";
        return;
    }
    if (rc != GIT_ENOTFOUND && rc != GIT_EINVALIDSPEC) check_git(rc, "cannot read remote '" + name_or_url + "'");
    // Not a configured remote: a URL or a path, as `git fetch <url>` takes it.
    const bool url_like = name_or_url.find(':') != std::string::npos || name_or_url.find('/') != std::string::npos ||
                          name_or_url == "." || name_or_url == "..";
    if (!url_like) {
        throw Error(ErrorCode::not_found, "no remote '" + name_or_url +
                                              "' in this repository: add it with 'git remote add " + name_or_url +
                                              " <url>', or name a URL or path");
    }
    check_git(git_remote_create_anonymous(impl_->remote.out(), impl_->repository, name_or_url.c_str()),
              "cannot use '" + name_or_url + "' as a remote");
    description_ = name_or_url;
}

Remote::~Remote() = default;

void Remote::report_progress_to(Progress progress) { impl_->progress = std::move(progress); }

std::optional<ObjectId> Remote::fetch(const std::string& branch) {
    git_remote* remote = impl_->remote.get();
    Conversation conversation(impl_->directory, impl_->url_for(GIT_DIRECTION_FETCH), impl_->progress);
    const git_remote_callbacks callbacks = callbacks_for(conversation);
    check_remote(git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr), conversation,
                 "cannot reach " + describe(), "check the URL, the network and your access, then sync again");
    const Connection connection(remote);

    const git_remote_head** heads = nullptr;
    size_t count = 0;
    check_git(git_remote_ls(&heads, &count, remote), "cannot list the branches of " + describe());
    const std::string wanted = "refs/heads/" + branch;
    std::optional<ObjectId> tip;
    for (size_t i = 0; i < count; ++i) {
        if (wanted == heads[i]->name) tip = to_object_id(heads[i]->oid);
    }
    if (!tip) {
        conversation.authentication.succeeded();
        return std::nullopt;
    }

    std::string refspec = wanted;
    char* specs[] = {refspec.data()};
    const git_strarray refspecs{specs, 1};
    git_fetch_options options;
    git_fetch_options_init(&options, GIT_FETCH_OPTIONS_VERSION);
    options.callbacks = callbacks;
    git_error_clear();  // download_advice reads the class of this call's error, not an older one
    const int rc = git_remote_download(remote, &refspecs, &options);
    check_remote(rc, conversation, "cannot fetch " + branch + " from " + describe(), download_advice(rc));
    conversation.authentication.succeeded();
    return tip;
}

void Remote::track(const std::string& branch, const ObjectId& tip) {
    if (impl_->name.empty()) return;
    const git_oid oid = to_oid(tip);
    ReferenceHandle tracking;
    const std::string name = "refs/remotes/" + impl_->name + "/" + branch;
    check_git(git_reference_create(tracking.out(), impl_->repository, name.c_str(), &oid, 1, "git-td sync"),
              "cannot update " + name);
}

namespace {

// The repository a remote URL names on this machine, or "" for a network
// remote (what libgit2's local transport serves: file:// and plain paths).
std::string local_repository(const char* url) {
    if (!url) return "";
    const std::string_view text = url;
    if (text.rfind("file://", 0) == 0) return std::string(text.substr(7));
    if (text.find("://") != std::string_view::npos) return "";
    std::error_code ec;
    return std::filesystem::is_directory(std::filesystem::path(text), ec) ? std::string(text) : "";
}

// Moves the branch of a repository on this machine compare-and-swap:
// `commit` reached it under `incoming` (a push to a private ref), which is
// removed either way. The reason for a refusal, or nullopt.
std::optional<std::string> move_local_branch(const std::string& path, const std::string& branch,
                                             const std::string& incoming, const ObjectId& commit,
                                             const std::optional<ObjectId>& expected) {
    RepositoryHandle remote;
    check_git(git_repository_open(remote.out(), path.c_str()), "cannot open the remote repository " + path);
    struct RemoveIncoming {
        git_repository* repository;
        const std::string& name;
        ~RemoveIncoming() { git_reference_remove(repository, name.c_str()); }
    } const remove_incoming{remote.get(), incoming};
    const git_oid target = to_oid(commit);
    const git_oid current = expected ? to_oid(*expected) : git_oid{};
    ReferenceHandle moved;
    const std::string name = "refs/heads/" + branch;
    const int rc = git_reference_create_matching(moved.out(), remote.get(), name.c_str(), &target, expected ? 1 : 0,
                                                 expected ? &current : nullptr, "push (git-td sync)");
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS)
        return branch + ": non-fast-forward (the remote moved since the fetch)";
    check_git(rc, "cannot move " + name + " in " + path);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> Remote::push(const ObjectId& commit, const std::string& branch,
                                        const std::optional<ObjectId>& expected) {
    git_remote* remote = impl_->remote.get();
    const std::string local = local_repository(git_remote_url(remote));
    // libgit2 pushes refs, not commits: name it for the push's duration.
    const std::string temporary = "refs/git-td/push/" + branch;
    const git_oid oid = to_oid(commit);
    {
        ReferenceHandle created;
        check_git(git_reference_create(created.out(), impl_->repository, temporary.c_str(), &oid, 1, nullptr),
                  "cannot name the commit to push");
    }
    struct RemoveTemporary {
        git_repository* repository;
        const std::string& name;
        ~RemoveTemporary() { git_reference_remove(repository, name.c_str()); }
    } const remove_temporary{impl_->repository, temporary};

    Conversation conversation(impl_->directory, impl_->url_for(GIT_DIRECTION_PUSH), impl_->progress);
    git_push_options options;
    git_push_options_init(&options, GIT_PUSH_OPTIONS_VERSION);
    options.callbacks = callbacks_for(conversation);
    // A remote on this machine receives the objects under a private ref;
    // its branch is then moved compare-and-swap (move_local_branch).
    const std::string incoming = "refs/git-td/incoming/" + branch + "-" + std::to_string(::getpid());
    const std::string destination = local.empty() ? "refs/heads/" + branch : incoming;
    std::string refspec = "+" + temporary + ":" + destination;
    if (local.empty()) refspec = temporary + ":" + destination;
    char* specs[] = {refspec.data()};
    const git_strarray refspecs{specs, 1};
    const int rc = git_remote_push(remote, &refspecs, &options);
    // libgit2 checks fast-forward itself against what the remote advertised.
    if (rc == GIT_ENONFASTFORWARD) {
        conversation.authentication.succeeded();
        return branch + ": non-fast-forward (the remote moved since the fetch)";
    }
    check_remote(rc, conversation, "cannot push " + branch + " to " + describe(),
                 "nothing was changed there; sync again");
    conversation.authentication.succeeded();
    if (conversation.rejection) return conversation.rejection;
    if (!local.empty()) {
        if (auto refused = move_local_branch(local, branch, incoming, commit, expected)) return refused;
    }
    track(branch, commit);
    return std::nullopt;
}

}  // namespace gittd::git
