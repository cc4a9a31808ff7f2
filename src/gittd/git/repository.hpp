#pragma once
// The repository git-td works in, found the way git finds it and opened once
// per command: Config, MergeIndex, the path rules and the tree functions
// (trees.hpp) all work through this one Repository. libgit2 stays behind a
// pimpl (only src/gittd/git includes git2.h).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gittd/git/object_id.hpp"

struct git_repository;  // libgit2's; used only by the files of src/gittd/git

namespace gittd::git {

struct RepositoryPaths {
    std::filesystem::path workdir;     // top of this worktree
    std::filesystem::path git_dir;     // this worktree's git dir (per-worktree state)
    std::filesystem::path common_dir;  // shared git dir (config, objects, hooks)
    bool is_linked_worktree = false;
};

// An open, non-bare repository. Move-only. const means the handle, not the
// repository on disk: as in libgit2 (and git2-rs's &Repository), what changes
// the repository (Config, MergeIndex) goes through objects taken from it, and
// the Repository must outlive them.
class Repository {
  public:
    // The repository containing `start` (like `git rev-parse`), or nullopt
    // when `start` is not inside a non-bare repository.
    static std::optional<Repository> discover(const std::filesystem::path& start);

    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

    const RepositoryPaths& paths() const;

    // The commit `rev` names (`HEAD`, a branch, `main~2`, a tag, an id), or
    // nullopt when it names nothing (an unborn HEAD included). Throws
    // Error(git) when `rev` is malformed, ambiguous or names no commit.
    std::optional<ObjectId> resolve(std::string_view rev) const;

    // The shortest unambiguous abbreviation of `id` (at least core.abbrev
    // digits, 7 by default), as git prints it. `id` must name an object.
    std::string short_id(const ObjectId& id) const;

  private:
    struct Impl;
    explicit Repository(std::unique_ptr<Impl> impl);
    friend git_repository* raw(const Repository& repository);  // handle.hpp
    std::unique_ptr<Impl> impl_;
};

}  // namespace gittd::git
