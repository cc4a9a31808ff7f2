#include "gittd/git/path_rules.hpp"

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"

namespace gittd::git {

std::optional<std::string> attribute(const Repository& repository, const std::string& path, const std::string& name) {
    const char* value = nullptr;
    check_git(git_attr_get(&value, raw(repository), GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), name.c_str()),
              path + ": cannot read attribute " + name);
    switch (git_attr_value(value)) {
        case GIT_ATTR_VALUE_UNSPECIFIED: return std::nullopt;
        case GIT_ATTR_VALUE_TRUE: return "set";
        case GIT_ATTR_VALUE_FALSE: return "unset";
        case GIT_ATTR_VALUE_STRING: return std::string(value);
    }
    return std::nullopt;
}

bool is_ignored(const Repository& repository, const std::string& path) {
    int ignored = 0;
    check_git(git_ignore_path_is_ignored(&ignored, raw(repository), path.c_str()),
              path + ": cannot tell whether git ignores it");
    return ignored == 1;
}

bool is_tracked(const Repository& repository, const std::string& path) {
    git_index* index = nullptr;
    check_git(git_repository_index(&index, raw(repository)), path + ": cannot read git's index");
    const bool tracked = git_index_get_bypath(index, path.c_str(), 0) != nullptr;
    git_index_free(index);
    return tracked;
}

}  // namespace gittd::git
