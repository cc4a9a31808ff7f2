#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace {
size_t entries(const fs::path& dir) {
    if (!fs::exists(dir)) return 0;
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}
void put(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}
}  // namespace

TEST_CASE("write_file_atomic creates parents and replaces content") {
    TempDir dir;
    const fs::path path = dir.path() / "a" / "b" / "f.yaml";
    gittd::write_file_atomic(path, "one\n");
    CHECK(gittd::read_file_if_exists(path) == "one\n");
    gittd::write_file_atomic(path, "two\n");
    CHECK(gittd::read_file_if_exists(path) == "two\n");
    CHECK(entries(path.parent_path()) == 1);
}

TEST_CASE("read_file_if_exists tells a missing file from an empty one") {
    TempDir dir;
    CHECK_FALSE(gittd::read_file_if_exists(dir.path() / "missing").has_value());
    gittd::write_file_atomic(dir.path() / "empty", "");
    CHECK(gittd::read_file_if_exists(dir.path() / "empty") == std::string());
}

TEST_CASE("staged writes land together on commit, from the temporary folder") {
    TempDir dir;
    gittd::write_file_in(dir.path(), "k/old", "old\n");
    gittd::TempFolder temp(dir.path());
    const gittd::UniqueFd k = gittd::open_directory_in(dir.path(), "k");
    const std::string shown = (dir.path() / "k").string();
    {
        gittd::StagedWrites writes(temp);
        writes.stage(k.get(), "old", "new\n", shown);
        writes.stage(k.get(), "added", "added\n", shown);
        CHECK(gittd::read_file_in(dir.path(), "k/old") == "old\n");
        CHECK_FALSE(gittd::read_file_in(dir.path(), "k/added").has_value());
        CHECK(entries(dir.path() / gittd::temp_folder) == 2);
        writes.commit();
    }
    CHECK(gittd::read_file_in(dir.path(), "k/old") == "new\n");
    CHECK(gittd::read_file_in(dir.path(), "k/added") == "added\n");
    CHECK(entries(dir.path() / gittd::temp_folder) == 0);
    CHECK(entries(dir.path() / "k") == 2);
}

TEST_CASE("staged writes abandoned without commit leave no trace") {
    TempDir dir;
    gittd::write_file_in(dir.path(), "k/old", "old\n");
    gittd::TempFolder temp(dir.path());
    const gittd::UniqueFd k = gittd::open_directory_in(dir.path(), "k");
    const std::string shown = (dir.path() / "k").string();
    {
        gittd::StagedWrites writes(temp);
        writes.stage(k.get(), "old", "new\n", shown);
    }
    CHECK(gittd::read_file_in(dir.path(), "k/old") == "old\n");
    CHECK(entries(dir.path() / "k") == 1);
    CHECK(entries(dir.path() / gittd::temp_folder) == 0);
}

TEST_CASE("temporary file names carry the process id") {
    CHECK(gittd::temp_file_pid("tmp-git-td-123-4") == 123);
    CHECK(gittd::temp_file_pid("td-1.yaml.tmp-git-td-77") == 77);  // left by git-td before issue 9
    CHECK_FALSE(gittd::temp_file_pid("td-1.yaml").has_value());
    CHECK_FALSE(gittd::temp_file_pid("tmp-git-td-x").has_value());
    CHECK_FALSE(gittd::is_stale_temp_file("tmp-git-td-" + std::to_string(::getpid()) + "-0"));
    CHECK_FALSE(gittd::is_stale_temp_file("td-1.yaml"));
}

namespace {
// A process id that no process has: a child that has exited and been reaped.
pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}
}  // namespace

TEST_CASE("a stale temporary file of a dead process is removed by the next run") {
    TempDir dir;
    const std::string stale = "tmp-git-td-" + std::to_string(dead_pid()) + "-7";
    const std::string live = "tmp-git-td-" + std::to_string(::getppid()) + "-7";  // a running process's
    put(dir.path() / gittd::temp_folder / stale, "half a record");
    put(dir.path() / gittd::temp_folder / live, "in use");
    CHECK(gittd::is_stale_temp_file(stale));
    gittd::remove_stale_temp_files(dir.path());
    CHECK_FALSE(fs::exists(dir.path() / gittd::temp_folder / stale));
    CHECK(fs::exists(dir.path() / gittd::temp_folder / live));
}

TEST_CASE("SIGTERM and SIGINT remove the process's temporary files, then kill it as usual") {
    for (const int signal_number : {SIGTERM, SIGINT, SIGHUP}) {
        TempDir dir;
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // Catch2 handles these signals itself; git-td runs with the defaults.
            for (const int reset : {SIGTERM, SIGINT, SIGHUP}) ::signal(reset, SIG_DFL);
            try {
                gittd::TempFolder temp(dir.path());
                for (int i = 0; i < 2000; ++i) temp.write("a record\n");
                gittd::write_file_atomic(dir.path() / "beside", "x");
                ::raise(signal_number);
            } catch (...) {
            }
            ::_exit(3);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal_number);
        CHECK(entries(dir.path() / gittd::temp_folder) == 0);
        CHECK(entries(dir.path()) == 2);  // .todos (holding the empty .git) and beside
    }
}

TEST_CASE("no symbolic link under the top is followed, read or written through") {
    TempDir dir;
    const fs::path top = dir.path() / "repo";
    const fs::path outside = dir.path() / "outside";
    put(outside / "secret", "SECRET\n");
    put(top / ".todos" / "export" / "issues" / "td-1.yaml", "title: x\n");
    fs::create_symlink(outside / "secret", top / ".todos" / "export" / ".gitattributes");
    fs::create_symlink(outside, top / ".todos" / "export" / "notes");
    fs::create_symlink(outside / "secret", top / ".todos" / "export" / "issues" / "td-2.yaml");

    auto refused = [](const auto& call, const std::string& named) {
        try {
            call();
        } catch (const gittd::Error& e) {
            CHECK(e.code() == gittd::ErrorCode::untrusted);
            CHECK_THAT(e.what(), Catch::Contains(named + ": is a symbolic link") &&
                                     Catch::Contains("git rm " + named.substr(named.find(".todos"))));
            return;
        }
        FAIL("not refused: " << named);
    };
    refused([&] { gittd::read_file_in(top, ".todos/export/.gitattributes"); },
            (top / ".todos/export/.gitattributes").string());
    refused([&] { gittd::write_file_in(top, ".todos/export/.gitattributes", "x"); },
            (top / ".todos/export/.gitattributes").string());
    refused([&] { gittd::write_file_in(top, ".todos/export/notes/nt-1.yaml", "x"); },
            (top / ".todos/export/notes").string());
    refused([&] { gittd::read_file_in(top, ".todos/export/issues/td-2.yaml"); },
            (top / ".todos/export/issues/td-2.yaml").string());
    refused([&] { gittd::exists_in(top, ".todos/export/notes/nt-1.yaml"); }, (top / ".todos/export/notes").string());
    CHECK(gittd::read_file_in(top, ".todos/export/issues/td-1.yaml") == "title: x\n");
    CHECK(gittd::read_file_if_exists(outside / "secret") == "SECRET\n");
    CHECK(entries(outside) == 1);

    // The export folder itself, and .todos.
    fs::remove_all(top / ".todos" / "export");
    fs::create_symlink(outside, top / ".todos" / "export");
    refused([&] { gittd::open_directory_in(top, ".todos/export/issues", true); }, (top / ".todos/export").string());
    fs::remove_all(top / ".todos");
    fs::create_symlink(outside, top / ".todos");
    refused([&] { gittd::write_file_in(top, ".todos/export/git-td.yaml", "x"); }, (top / ".todos").string());
    refused([&] { gittd::TempFolder temp(top); }, (top / ".todos").string());
    CHECK(entries(outside) == 1);
    CHECK(gittd::read_file_if_exists(outside / "secret") == "SECRET\n");
}

TEST_CASE("read_file_at refuses what is not a plain file without blocking") {
    TempDir dir;
    REQUIRE(::mkfifo((dir.path() / "fifo").c_str(), 0600) == 0);
    CHECK_THROWS_AS(gittd::read_file_in(dir.path(), "fifo"), gittd::Error);
}
