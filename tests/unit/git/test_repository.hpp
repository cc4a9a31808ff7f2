#pragma once
// A throwaway repository built with the git command line, so that what the
// tests read through libgit2 is what git itself wrote.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"
#include "gittd/util/process.hpp"
#include "temp_dir.hpp"

class TestRepository {
  public:
    // `git init` (branch main), or `git init --bare`, with an identity in its
    // config: libgit2's commits (git-td's) read it there, and a fresh
    // machine has no global one.
    explicit TestRepository(bool bare = false) {
        git(bare ? "init -q --bare" : "init -q -b main");
        git("config user.name t");
        git("config user.email t@t");
    }

    const std::filesystem::path& top() const { return dir_.path(); }

    // Runs `git ARGS` (a shell command line) at the top, with a fixed identity
    // and no ambient repository; returns its exit status.
    int run(const std::string& args, std::string* out = nullptr) const {
        const std::string command = "cd " + gittd::shell_quote(top().string()) +
                                    " && env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE -u GIT_COMMON_DIR "
                                    "git -c user.name=t -c user.email=t@t -c commit.gpgsign=false "
                                    "-c core.autocrlf=false -c core.symlinks=true " +
                                    args;
        FILE* pipe = ::popen(command.c_str(), "r");
        REQUIRE(pipe != nullptr);
        std::string text;
        char buffer[4096];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
        const int status = ::pclose(pipe);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        if (out) *out = text;
        return status;
    }

    // Runs `git ARGS`, requires it to succeed, and returns its output without
    // the final newline.
    std::string git(const std::string& args) const {
        std::string out;
        INFO("git " << args);
        REQUIRE(run(args, &out) == 0);
        return out;
    }

    void write(const std::string& path, std::string_view bytes) const {
        const std::filesystem::path file = top() / path;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream stream(file, std::ios::binary | std::ios::trunc);
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        REQUIRE(stream.good());
    }

    void symlink(const std::string& target, const std::string& path) const {
        const std::filesystem::path link = top() / path;
        std::filesystem::create_directories(link.parent_path());
        std::filesystem::create_symlink(target, link);
    }

    void remove(const std::string& path) const { std::filesystem::remove_all(top() / path); }

    // Commits everything in the worktree; returns the commit's id.
    gittd::git::ObjectId commit(const std::string& message) const {
        git("add -A");
        git("commit -q -m " + gittd::shell_quote(message));
        return id("HEAD");
    }

    // What `git rev-parse REV` prints, as an id.
    gittd::git::ObjectId id(const std::string& rev) const {
        const std::optional<gittd::git::ObjectId> parsed =
            gittd::git::ObjectId::from_hex(git("rev-parse " + gittd::shell_quote(rev)));
        REQUIRE(parsed);
        return *parsed;
    }

    gittd::git::Repository open() const {
        std::optional<gittd::git::Repository> repository = gittd::git::Repository::discover(top());
        REQUIRE(repository);
        return std::move(*repository);
    }

  private:
    TempDir dir_;
};

// An optional id as text for assertions: its hex, or "none".
inline std::string hex_of(const std::optional<gittd::git::ObjectId>& id) { return id ? id->hex() : "none"; }
