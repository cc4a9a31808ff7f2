#include "gittd/git/repository.hpp"

#include <git2.h>

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

std::optional<RepositoryPaths> discover(const std::filesystem::path& start) {
    ensure_libgit2();
    git_repository* repo = nullptr;
    const std::string start_text = std::filesystem::absolute(start).string();
    const int rc = git_repository_open_ext(&repo, start_text.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    if (rc != 0) {
        const git_error* e = git_error_last();
        throw Error(ErrorCode::git, start_text + ": cannot open repository: " +
                                        (e ? e->message : "unknown libgit2 error"));
    }
    std::optional<RepositoryPaths> paths;
    if (!git_repository_is_bare(repo)) {
        paths = RepositoryPaths{strip_slash(git_repository_workdir(repo)),
                                strip_slash(git_repository_path(repo)),
                                strip_slash(git_repository_commondir(repo)),
                                git_repository_is_worktree(repo) == 1};
    }
    git_repository_free(repo);
    return paths;
}

}  // namespace gittd::git
