#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

TEST_CASE("write_file_atomic creates parents and replaces content") {
    TempDir dir;
    const fs::path path = dir.path() / "a" / "b" / "f.yaml";
    gittd::write_file_atomic(path, "one\n");
    CHECK(gittd::read_file_if_exists(path) == "one\n");
    gittd::write_file_atomic(path, "two\n");
    CHECK(gittd::read_file_if_exists(path) == "two\n");
    CHECK(std::distance(fs::directory_iterator(path.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("read_file_if_exists tells a missing file from an empty one") {
    TempDir dir;
    CHECK_FALSE(gittd::read_file_if_exists(dir.path() / "missing").has_value());
    gittd::write_file_atomic(dir.path() / "empty", "");
    CHECK(gittd::read_file_if_exists(dir.path() / "empty") == std::string());
}

TEST_CASE("staged writes land together on commit") {
    TempDir dir;
    gittd::write_file_atomic(dir.path() / "old", "old\n");
    {
        gittd::StagedWrites writes;
        writes.stage(dir.path() / "old", "new\n");
        writes.stage(dir.path() / "k" / "added", "added\n");
        CHECK(gittd::read_file_if_exists(dir.path() / "old") == "old\n");
        CHECK_FALSE(gittd::read_file_if_exists(dir.path() / "k" / "added").has_value());
        writes.commit();
    }
    CHECK(gittd::read_file_if_exists(dir.path() / "old") == "new\n");
    CHECK(gittd::read_file_if_exists(dir.path() / "k" / "added") == "added\n");
}

TEST_CASE("staged writes abandoned without commit leave no trace") {
    TempDir dir;
    gittd::write_file_atomic(dir.path() / "old", "old\n");
    {
        gittd::StagedWrites writes;
        writes.stage(dir.path() / "old", "new\n");
    }
    CHECK(gittd::read_file_if_exists(dir.path() / "old") == "old\n");
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}
