#include <catch2/catch.hpp>

#include "../db/test_database.hpp"
#include "../temp_dir.hpp"
#include "gittd/db/td_database.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/td/row_codec.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/util/error.hpp"

using gittd::format::Document;

namespace {
Document export_one(gittd::db::TdDatabase& database, const char* table, gittd::Diagnostics& diagnostics) {
    const gittd::model::Kind& kind = *gittd::model::kind_by_table(table);
    const auto& columns = database.columns(table);
    const gittd::td::RowLayout layout(kind, columns);
    gittd::db::TdDatabase::ReadSnapshot snapshot(database);
    auto rows = snapshot.read_table(table, columns);
    REQUIRE(rows.rows.size() == 1);
    return layout.to_document(rows.rows[0], diagnostics);
}
}  // namespace

TEST_CASE("a schema-27 issue exports every schema-38 field, missing ones at td's defaults") {
    TempDir dir;
    create_schema27_database(dir.path() / "issues.db");
    {
        auto c = gittd::db::Connection::open_existing(dir.path() / "issues.db");
        c.exec(
            "INSERT INTO issues (id, title, labels, created_at, updated_at, minor) VALUES "
            "('td-000001', 'T', 'a,b', '2026-04-04 03:13:49.27 -0400 EDT m=+0.02', "
            "'2026-04-04 07:13:49+00:00', 1)");
    }
    auto database = gittd::db::TdDatabase::open(dir.path() / "issues.db");
    gittd::Diagnostics diagnostics;
    const Document doc = export_one(database, "issues", diagnostics);
    std::vector<std::string> keys;
    for (auto it = doc.begin(); it != doc.end(); ++it) keys.push_back(it.key());
    std::vector<std::string> expected;
    for (const auto& field : gittd::model::kind_by_table("issues")->fields) expected.emplace_back(field.name);
    CHECK(keys == expected);
    CHECK(doc["labels"] == Document::array({"a", "b"}));
    CHECK(doc["created_at"] == "2026-04-04T07:13:49.27Z");
    CHECK(doc["minor"] == true);
    CHECK(doc["description"] == "");
    CHECK(doc["closed_at"].is_null());
    CHECK(doc["defer_until"].is_null());
    CHECK(doc["defer_count"] == 0);
    CHECK(doc["closed_by_session"] == "");
    CHECK(diagnostics.warnings.empty());
}

TEST_CASE("handoff lists: JSON arrays become lists, the literal null stays null") {
    TempDir dir;
    create_schema27_database(dir.path() / "issues.db");
    {
        auto c = gittd::db::Connection::open_existing(dir.path() / "issues.db");
        c.exec(
            "INSERT INTO handoffs (id, issue_id, session_id, done, remaining, decisions, uncertain, timestamp) "
            "VALUES ('ho-1', 'td-1', 's', '[\"x\",\"y\"]', 'null', '[]', CAST('[\"b\"]' AS BLOB), "
            "'2026-01-01 00:00:00')");
    }
    auto database = gittd::db::TdDatabase::open(dir.path() / "issues.db");
    gittd::Diagnostics diagnostics;
    const Document doc = export_one(database, "handoffs", diagnostics);
    CHECK(doc["done"] == Document::array({"x", "y"}));
    CHECK(doc["remaining"].is_null());
    CHECK(doc["decisions"] == Document::array());
    CHECK(doc["uncertain"] == Document::array({"b"}));
}

TEST_CASE("machine-local work-session columns never leave the machine") {
    TempDir dir;
    create_schema27_database(dir.path() / "issues.db");
    {
        auto c = gittd::db::Connection::open_existing(dir.path() / "issues.db");
        c.exec(
            "INSERT INTO work_sessions (id, name, session_id, started_at, worktree_root) "
            "VALUES ('ws-1a2b', 'w', 's', '2026-01-01 00:00:00', '/home/me/src')");
    }
    auto database = gittd::db::TdDatabase::open(dir.path() / "issues.db");
    gittd::Diagnostics diagnostics;
    const Document doc = export_one(database, "work_sessions", diagnostics);
    CHECK_FALSE(doc.contains("worktree_root"));
    CHECK(doc["started_at"] == "2026-01-01T00:00:00Z");
}

TEST_CASE("unknown columns come after the known ones, sorted by name") {
    TempDir dir;
    create_schema27_database(dir.path() / "issues.db");
    {
        auto c = gittd::db::Connection::open_existing(dir.path() / "issues.db");
        c.exec(
            "ALTER TABLE issues ADD COLUMN zeta TEXT; ALTER TABLE issues ADD COLUMN alpha INTEGER;"
            "INSERT INTO issues (id, title, zeta, alpha) VALUES ('td-1', 't', 'z', 7)");
    }
    auto database = gittd::db::TdDatabase::open(dir.path() / "issues.db");
    gittd::Diagnostics diagnostics;
    const Document doc = export_one(database, "issues", diagnostics);
    auto it = doc.end();
    --it;
    CHECK(it.key() == "zeta");
    --it;
    CHECK(it.key() == "alpha");
    CHECK(doc["alpha"] == 7);
}

TEST_CASE("values of an unexpected type are kept as stored, for the record check to refuse") {
    TempDir dir;
    create_schema27_database(dir.path() / "issues.db");
    {
        auto c = gittd::db::Connection::open_existing(dir.path() / "issues.db");
        c.exec(
            "INSERT INTO issues (id, title, points, minor, closed_at) "
            "VALUES ('td-1', 't', 'lots', 2, 'last tuesday')");
    }
    auto database = gittd::db::TdDatabase::open(dir.path() / "issues.db");
    gittd::Diagnostics diagnostics;
    const Document doc = export_one(database, "issues", diagnostics);
    CHECK(doc["points"] == "lots");
    CHECK(doc["minor"] == 2);
    CHECK(doc["closed_at"] == "last tuesday");
    CHECK(diagnostics.warnings.empty());
    const auto problem = gittd::tree::find_field_problem(gittd::model::kind(gittd::model::KindId::issue), doc);
    REQUIRE(problem);
    CHECK(problem->field == "points");
}

TEST_CASE("text that is not UTF-8 is refused, naming table, row and column") {
    TempDir dir;
    create_schema27_database(dir.path() / "issues.db");
    {
        auto c = gittd::db::Connection::open_existing(dir.path() / "issues.db");
        c.exec("INSERT INTO issues (id, title) VALUES ('td-1', CAST(X'C328' AS TEXT))");
    }
    auto database = gittd::db::TdDatabase::open(dir.path() / "issues.db");
    gittd::Diagnostics diagnostics;
    CHECK_THROWS_WITH(export_one(database, "issues", diagnostics),
                      Catch::StartsWith("issues row td-1, column title: text is not valid UTF-8"));
}
