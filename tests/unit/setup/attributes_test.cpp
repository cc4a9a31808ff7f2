#include <catch2/catch.hpp>

#include "gittd/setup/attributes.hpp"

using namespace gittd::setup;

namespace {
const std::string ours =
    "# git-td: td record files merge field by field (git td init; see git-td's README)\n"
    "*/*.yaml merge=td-record diff=td-record text eol=lf\n"
    "*/*.json merge=td-record diff=td-record text eol=lf\n";
}

TEST_CASE("init: .gitattributes gets git-td's lines once, after the user's") {
    CHECK(with_record_attributes("") == ours);
    CHECK(with_record_attributes(ours) == ours);
    CHECK(with_record_attributes("*.md text\n") == "*.md text\n" + ours);
    CHECK(with_record_attributes("*.md text") == "*.md text\n" + ours);
    CHECK(has_record_attributes(ours));
    CHECK_FALSE(has_record_attributes("*.md text\n"));
}

TEST_CASE("init --uninstall: exactly git-td's lines go, wherever they are") {
    CHECK(without_record_attributes(ours).empty());
    CHECK(without_record_attributes("*.md text\n" + ours) == "*.md text\n");
    CHECK(without_record_attributes(ours + "*.md text\n") == "*.md text\n");
    CHECK(without_record_attributes("# mine\n*/*.yaml merge=union\n") == "# mine\n*/*.yaml merge=union\n");
}

TEST_CASE("init: a file that has only some of the lines gets the missing ones") {
    const std::string partial = "*/*.yaml merge=td-record diff=td-record text eol=lf\n";
    const std::string fixed = with_record_attributes(partial);
    CHECK(has_record_attributes(fixed));
    CHECK(without_record_attributes(fixed).empty());
}
