#include <catch2/catch.hpp>

#include "gittd/format/json_schema.hpp"
#include "gittd/util/files.hpp"

TEST_CASE("schema/ holds exactly the schema the model generates, for every kind") {
    for (const auto& kind : gittd::model::all_kinds()) {
        const auto path =
            std::filesystem::path(GITTD_SOURCE_DIR) / "schema" / (std::string(kind.folder) + ".schema.json");
        INFO(path.string() << " is stale: regenerate with 'git-td schema --write schema'");
        const auto committed = gittd::read_file_if_exists(path);
        REQUIRE(committed.has_value());
        CHECK(*committed == gittd::format::json_schema_for(kind).dump(2) + "\n");
    }
}

TEST_CASE("each schema requires every field td knows, in td's order") {
    const auto& issue = *gittd::model::kind_by_folder("issues");
    const auto schema = gittd::format::json_schema_for(issue);
    REQUIRE(schema["required"].size() == issue.fields.size());
    CHECK(schema["required"][0] == "id");
    CHECK(schema["required"].back() == "closed_by_session");
    CHECK(schema["properties"]["labels"]["anyOf"][0]["type"] == "array");
    CHECK(schema["additionalProperties"] == true);
}
