#include "gittd/git/repository.hpp"

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

namespace {
std::filesystem::path strip_slash(const char* path) {
    std::string text(path);
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    return text;
}
}  // namespace

struct Repository::Impl {
    RepositoryHandle handle;
    RepositoryPaths paths;
};

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

git_repository* raw(const Repository& repository) { return repository.impl_->handle.get(); }

std::optional<Repository> Repository::discover(const std::filesystem::path& start) {
    ensure_libgit2();
    RepositoryHandle handle;
    const std::string start_text = std::filesystem::absolute(start).string();
    const int rc = git_repository_open_ext(handle.out(), start_text.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    check_git(rc, start_text + ": cannot open repository");
    git_repository* repo = handle.get();
    if (git_repository_is_bare(repo)) return std::nullopt;
    RepositoryPaths paths{strip_slash(git_repository_workdir(repo)), strip_slash(git_repository_path(repo)),
                          strip_slash(git_repository_commondir(repo)), git_repository_is_worktree(repo) == 1};
    return Repository(std::make_unique<Impl>(Impl{std::move(handle), std::move(paths)}));
}

const RepositoryPaths& Repository::paths() const { return impl_->paths; }

std::optional<ObjectId> Repository::resolve(std::string_view rev) const {
    const std::string spec(rev);
    ObjectHandle object;
    const int rc = git_revparse_single(object.out(), raw(*this), spec.c_str());
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return std::nullopt;
    check_git(rc, "cannot resolve revision '" + spec + "'");
    ObjectHandle commit;
    check_git(
        git_object_peel(commit.out(), object.get(), GIT_OBJECT_COMMIT),
        "revision '" + spec + "' names a " + git_object_type2string(git_object_type(object.get())) + ", not a commit");
    return to_object_id(*git_object_id(commit.get()));
}

std::string Repository::short_id(const ObjectId& id) const {
    const git_oid oid = to_oid(id);
    ObjectHandle object;
    check_git(git_object_lookup(object.out(), raw(*this), &oid, GIT_OBJECT_ANY), id.hex() + ": no such object");
    git_buf buf = GIT_BUF_INIT;
    check_git(git_object_short_id(&buf, object.get()), id.hex() + ": cannot abbreviate");
    std::string text(buf.ptr, buf.size);
    git_buf_dispose(&buf);
    return text;
}

}  // namespace gittd::git
