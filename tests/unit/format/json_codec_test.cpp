#include <catch2/catch.hpp>

#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"

using gittd::format::decode_json;
using gittd::format::Document;
using gittd::format::encode_json;

TEST_CASE("JSON is 2-space indented, UTF-8 unescaped, with a trailing newline, keys in order") {
    const Document doc = {{"id", "td-1"},
                          {"title", "héllo 🚀"},
                          {"labels", Document::array({"a"})},
                          {"n", nullptr},
                          {"e", Document::array()}};
    CHECK(encode_json(doc) ==
          "{\n  \"id\": \"td-1\",\n  \"title\": \"héllo 🚀\",\n  \"labels\": [\n    \"a\"\n  ],\n"
          "  \"n\": null,\n  \"e\": []\n}\n");
}

TEST_CASE("JSON escapes control characters and round-trips them") {
    const Document doc = {{"id", "x"}, {"t", std::string("a\r\nb\t\x01\0", 7)}};
    CHECK(decode_json(encode_json(doc), "x.json") == doc);
}

TEST_CASE("JSON reader refuses duplicate keys, naming file and line") {
    CHECK_THROWS_WITH(decode_json("{\n  \"id\": \"x\",\n  \"id\": \"y\"\n}\n", "issues/x.json"),
                      "issues/x.json:3: duplicate key 'id'");
}

TEST_CASE("JSON reader reports malformed input with file and line") {
    CHECK_THROWS_WITH(decode_json("{\n  \"id\": \"x\",\n  oops\n}\n", "issues/x.json"),
                      Catch::StartsWith("issues/x.json:3: malformed JSON"));
}

TEST_CASE("JSON reader refuses a number beyond what td holds as an error naming file and line (found by fuzzing)") {
    // nlohmann throws out_of_range, not parse_error, for these: it escaped as
    // an unexpected exception before.
    for (const char* number : {"1e400", "-1e400"}) {
        INFO(number);
        CHECK_THROWS_AS(decode_json(std::string("{\n  \"id\": \"x\",\n  \"n\": ") + number + "\n}\n", "issues/x.json"),
                        gittd::Error);
        CHECK_THROWS_WITH(
            decode_json(std::string("{\n  \"id\": \"x\",\n  \"n\": ") + number + "\n}\n", "issues/x.json"),
            Catch::StartsWith("issues/x.json:3: number overflow"));
    }
    CHECK_THROWS_WITH(gittd::format::parse_json_value("[1,\n 1e400]", "td.json"), Catch::StartsWith("td.json:2: "));
}

TEST_CASE("JSON reader refuses integers beyond td's signed 64 bits and field names the writer cannot write") {
    CHECK_THROWS_WITH(decode_json("{\n  \"id\": \"x\",\n  \"n\": 9223372036854775808\n}\n", "issues/x.json"),
                      "issues/x.json:3: the integer 9223372036854775808 is beyond td's 64-bit integers");
    CHECK(decode_json("{\"id\": \"x\", \"n\": 9223372036854775807}", "x.json")["n"] == INT64_MAX);
    const std::string name(1010, 'k');
    CHECK_THROWS_WITH(decode_json("{\n  \"id\": \"x\",\n  \"" + name + "\": 1\n}\n", "issues/x.json"),
                      Catch::StartsWith("issues/x.json:3: a field name of 1010 bytes"));
}

TEST_CASE("JSON reader refuses a NUL byte rather than ignoring what follows it (found by fuzzing)") {
    CHECK_THROWS_WITH(decode_json(std::string("{\n  \"id\": \"x\"\n}\0{\"more\": 1}", 27), "issues/x.json"),
                      "issues/x.json:3: a NUL byte, which JSON text never holds");
}

TEST_CASE("JSON reader refuses a document that is not an object") {
    CHECK_THROWS_WITH(decode_json("[1, 2]\n", "x.json"), Catch::Contains("must be a JSON object"));
}

TEST_CASE("JSON encoder refuses invalid UTF-8 rather than writing a lossy file") {
    const Document doc = {{"id", "x"}, {"t", std::string("\xff\xfe")}};
    CHECK_THROWS(encode_json(doc));
}
