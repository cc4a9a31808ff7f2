#include <catch2/catch.hpp>

#include "gittd/util/error.hpp"
#include "gittd/util/safe_id.hpp"

TEST_CASE("td's id shapes are safe file names") {
    for (const char* id : {"td-a1b2c3", "lg-0a1b2c3d", "ws-1a2b", "nt-bba92365", "dep_0123456789abcdef",
                           "bd-all-issues", "A", "x.y_z-1"}) {
        CHECK(gittd::is_safe_id(id));
    }
}

TEST_CASE("ids that could escape the folder or mean something special are refused") {
    for (const char* id :
         {"", "../../x", "..", ".hidden", "a/b", "a\\b", "-rf", "_x", "a b", "a\nb", "x:y", "a*", "é"}) {
        INFO(id);
        CHECK_FALSE(gittd::is_safe_id(id));
    }
    CHECK_FALSE(gittd::is_safe_id(std::string(129, 'a')));
    CHECK(gittd::is_safe_id(std::string(128, 'a')));
}

TEST_CASE("names Windows reserves for devices are refused, in any case and with any extension") {
    for (const char* id : {"CON", "con", "Prn", "AUX", "nul", "COM1", "com9", "LPT0", "CON.x", "nul.tar.gz"}) {
        INFO(id);
        CHECK_FALSE(gittd::is_safe_id(id));
    }
    for (const char* id : {"CONSOLE", "con1", "COM", "COM10", "LPTX", "xcon", "a.con", "td-con"}) {
        INFO(id);
        CHECK(gittd::is_safe_id(id));
    }
}

TEST_CASE("the refusal names the id and where it came from") {
    CHECK_THROWS_WITH(gittd::require_safe_id("../../x", "issues row"),
                      Catch::StartsWith("issues row: id '../../x' is not a safe file name"));
    CHECK_THROWS_WITH(gittd::require_safe_id("a\nb", "logs row"), Catch::Contains("'a?b'"));
}

#include "gittd/util/sha256.hpp"

TEST_CASE("sha256 gives td's deterministic link ids") {
    CHECK(gittd::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Real rows of tetrabit/llmfit: dep_ and wsi_ ids are prefix + sha256(key)[:16].
    CHECK(gittd::sha256_hex("td-6f5e47|td-656d5d|depends_on").substr(0, 16) == "25d328b8574b4ed5");
    CHECK(gittd::sha256_hex("ws-4ffa|td-26f9d3").substr(0, 16) == "b1ed177525eda28b");
}
