#include "gittd/git/path_rules.hpp"

#include <git2.h>

#include <memory>

#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

namespace {

using RepoHandle = std::unique_ptr<git_repository, decltype(&git_repository_free)>;

RepoHandle open(const RepositoryPaths& paths) {
    ensure_libgit2();
    git_repository* repo = nullptr;
    if (git_repository_open(&repo, paths.workdir.c_str()) != 0) {
        throw_git_error(paths.workdir.string() + ": cannot open repository");
    }
    return RepoHandle(repo, &git_repository_free);
}

}  // namespace

std::optional<std::string> attribute(const RepositoryPaths& paths, const std::string& path, const std::string& name) {
    RepoHandle repo = open(paths);
    const char* value = nullptr;
    if (git_attr_get(&value, repo.get(), GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), name.c_str()) != 0) {
        throw_git_error(path + ": cannot read attribute " + name);
    }
    switch (git_attr_value(value)) {
        case GIT_ATTR_VALUE_UNSPECIFIED: return std::nullopt;
        case GIT_ATTR_VALUE_TRUE: return "set";
        case GIT_ATTR_VALUE_FALSE: return "unset";
        case GIT_ATTR_VALUE_STRING: return std::string(value);
    }
    return std::nullopt;
}

bool is_ignored(const RepositoryPaths& paths, const std::string& path) {
    RepoHandle repo = open(paths);
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, repo.get(), path.c_str()) != 0) {
        throw_git_error(path + ": cannot tell whether git ignores it");
    }
    return ignored == 1;
}

}  // namespace gittd::git
