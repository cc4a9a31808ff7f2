// A hostile file nested 50k levels deep is refused with file and line, never
// a stack overflow (import, the merge driver and resolve all decode through
// format::decode).
#include <catch2/catch.hpp>
#include <string>

#include "gittd/format/codec.hpp"
#include "gittd/merge/driver.hpp"
#include "gittd/util/error.hpp"

namespace {
std::string nested(size_t levels, char open, char close, const std::string& prefix) {
    return prefix + std::string(levels, open) + std::string(levels, close) + "\n";
}

void refused_at(const std::string& bytes, gittd::format::Format format, const std::string& where) {
    try {
        gittd::format::decode(bytes, format, "issues/td-1");
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::invalid_input);
        CHECK_THAT(e.what(), Catch::StartsWith(where) && Catch::Contains("nested more than 64 levels"));
        return;
    }
    FAIL("not refused");
}
}  // namespace

TEST_CASE("YAML nested 50k levels deep is refused with file and line") {
    refused_at(nested(50000, '[', ']', "id: td-1\ntitle: x\nlabels: "), gittd::format::Format::yaml, "issues/td-1:3:");
    std::string mappings = "id: td-1\nlabels: ";
    for (int level = 0; level < 50000; ++level) mappings += "{a: ";
    mappings += "1" + std::string(50000, '}') + "\n";
    refused_at(mappings, gittd::format::Format::yaml, "issues/td-1:2:");
    // Block style, one level a line.
    std::string block = "id: td-1\nlabels:\n";
    for (int level = 0; level < 200; ++level) block += std::string(static_cast<size_t>(level) * 2 + 2, ' ') + "-\n";
    refused_at(block, gittd::format::Format::yaml, "issues/td-1:");
}

TEST_CASE("JSON nested 50k levels deep is refused with file and line") {
    refused_at(nested(50000, '[', ']', "{\"id\": \"td-1\",\n\"labels\": "), gittd::format::Format::json,
               "issues/td-1:2:");
    refused_at(nested(50000, '{', '}', "{\"id\": \"td-1\",\n\n\"labels\": "), gittd::format::Format::json,
               "issues/td-1:3:");
    CHECK_THROWS_AS(gittd::format::check_json_depth(std::string(100000, '['), "f"), gittd::Error);
}

TEST_CASE("nesting up to the bound decodes, and brackets inside strings do not count") {
    const std::string deep = nested(63, '[', ']', "id: td-1\nlabels: ");
    CHECK(gittd::format::decode(deep, gittd::format::Format::yaml, "f").contains("labels"));
    const std::string json = "{\"id\": \"td-1\", \"title\": \"" + std::string(1000, '[') + "\\\"{{\"}\n";
    CHECK(gittd::format::decode(json, gittd::format::Format::json, "f")["title"].get<std::string>().size() == 1003);
    CHECK(
        gittd::format::decode(nested(63, '[', ']', "{\"l\": ") + "}", gittd::format::Format::json, "f").contains("l"));
}

TEST_CASE("the merge driver reports a deeply nested side as a conflict, not a crash") {
    const std::string good = "id: td-1\ntitle: x\n";
    const std::string hostile = nested(50000, '[', ']', "id: td-1\ntitle: x\nlabels: ");
    gittd::merge::DriverResult result =
        gittd::merge::run_merge_driver({good, good, hostile, 7, ".todos/export/issues/td-1.yaml"});
    CHECK_FALSE(result.clean);
    CHECK_THAT(result.reason, Catch::Contains("nested more than 64 levels"));
}
