#include <catch2/catch.hpp>

#include "gittd/util/process.hpp"
#include "temp_dir.hpp"

TEST_CASE("a program's output, with the input given on its stdin") {
    TempDir dir;
    CHECK(gittd::program_output_with_input({"cat"}, dir.path(), "protocol=https\nhost=h\n\n") ==
          "protocol=https\nhost=h\n\n");
    CHECK(gittd::program_output_with_input({"sh", "-c", "head -c 2"}, dir.path(), std::string(1 << 20, 'x')) == "xx");
    CHECK_FALSE(gittd::program_output_with_input({"sh", "-c", "cat; exit 3"}, dir.path(), "x").has_value());
    CHECK_FALSE(gittd::program_output_with_input({"/nonexistent/program"}, dir.path(), "").has_value());
    CHECK(gittd::program_output({"sh", "-c", "pwd"}, dir.path()) ==
          std::filesystem::canonical(dir.path()).string() + "\n");
}
