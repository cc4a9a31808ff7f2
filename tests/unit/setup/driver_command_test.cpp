#include <catch2/catch.hpp>

#include "gittd/setup/driver_command.hpp"
#include "gittd/util/process.hpp"

using namespace gittd::setup;

TEST_CASE("init: a plain driver path is written as it is, with git's placeholders") {
    CHECK(merge_driver_command("/usr/local/bin/git-td-merge-driver") ==
          "/usr/local/bin/git-td-merge-driver %O %A %B %L %P");
    CHECK(merge_driver_command("git-td-merge-driver") == "git-td-merge-driver %O %A %B %L %P");
}

TEST_CASE("init: a driver path with spaces, quotes and % survives git's shell and %-expansion") {
    CHECK(merge_driver_command("/home/a b/it's 100%/git-td-merge-driver") ==
          "'/home/a b/it'\\''s 100%%/git-td-merge-driver' %O %A %B %L %P");
}

TEST_CASE("doctor: the program of a driver command is read back from what init writes") {
    for (const std::string program : {"/usr/bin/git-td-merge-driver", "git-td-merge-driver",
                                      "/home/a b/it's 100%/git-td-merge-driver", "/tmp/$HOME/x"}) {
        CHECK(driver_command_program(merge_driver_command(program)) == program);
    }
    CHECK(driver_command_program("\"/opt/my tools/driver\" %O %A %B") == "/opt/my tools/driver");
    CHECK(driver_command_program("  ") == std::nullopt);
    CHECK(driver_command_program("'/unbalanced %O") == std::nullopt);
}

TEST_CASE("init: without a sibling of git-td, the driver is the bare name for PATH") {
    CHECK(merge_driver_program(std::nullopt) == "git-td-merge-driver");
    CHECK(merge_driver_program(std::filesystem::path("/nonexistent/dir/git-td")) == "git-td-merge-driver");
}

TEST_CASE("init: shell quoting leaves plain words alone and quotes the rest") {
    CHECK(gittd::shell_quote("/usr/bin/x-y_z.1") == "/usr/bin/x-y_z.1");
    CHECK(gittd::shell_quote("") == "''");
    CHECK(gittd::shell_quote("a b") == "'a b'");
    CHECK(gittd::shell_quote("$(rm -rf /)") == "'$(rm -rf /)'");
    CHECK(gittd::shell_quote("it's") == "'it'\\''s'");
}
