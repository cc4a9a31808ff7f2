#pragma once
// A repository's git configuration through libgit2. Reads see every level, as
// git does (system, global, the repository's own file, includes). Writes go
// only to the repository's own file, `config` in the common git dir (what
// `git config --local` writes): per clone, never shared through a commit.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "gittd/git/repository.hpp"

namespace gittd::git {

class Config {
  public:
    // Reads and writes `repository`'s configuration; the repository must
    // outlive the Config.
    explicit Config(const Repository& repository);
    ~Config();
    Config(const Config&) = delete;
    Config& operator=(const Config&) = delete;

    // The value git would use, or nullopt when no level sets it.
    std::optional<std::string> get(const std::string& key) const;
    // The same for a path-valued key: a leading `~/` is expanded as git does.
    std::optional<std::string> get_path(const std::string& key) const;
    // The value in the repository's own file only.
    std::optional<std::string> get_local(const std::string& key) const;

    // Sets `key` in the repository's own file; false when it already held
    // `value` (the file is then left untouched).
    bool set_local(const std::string& key, const std::string& value);
    // Removes `key` from the repository's own file, and the section header it
    // leaves empty (libgit2, like `git config --unset`, would keep
    // `[merge "td-record"]` behind); false when the key was not there.
    bool unset_local(const std::string& key);

    const std::filesystem::path& local_file() const { return local_file_; }

  private:
    struct Handles;
    std::unique_ptr<Handles> handles_;
    std::filesystem::path local_file_;
};

// The config file text without the header of `section.subsection` (as in
// `merge.td-record`) when that section holds nothing but blank lines. Other
// text is kept byte for byte.
std::string without_empty_section(const std::string& text, const std::string& key_prefix);

}  // namespace gittd::git
