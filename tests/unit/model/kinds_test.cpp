// The kind table against td itself: its tables, columns and foreign keys as
// td's schema 38 (shared/td/schema.sql) declares them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gittd/db/sqlite.hpp"
#include "gittd/model/kinds.hpp"
#include "temp_dir.hpp"

using gittd::model::Kind;
using gittd::model::KindId;

TEST_CASE("kind(id) and the lookups by folder and table agree, and ids index the table") {
    size_t index = 0;
    for (const Kind& kind : gittd::model::all_kinds()) {
        CHECK(static_cast<size_t>(kind.id) == index++);
        CHECK(&gittd::model::kind(kind.id) == &kind);
        CHECK(gittd::model::kind_by_folder(kind.folder) == &kind);
        CHECK(gittd::model::kind_by_table(kind.table) == &kind);
    }
    CHECK(index == 12);
    CHECK(gittd::model::kind_by_folder("sessions") == nullptr);
}

TEST_CASE("every kind names its ids one way: a random prefix or a derived one") {
    for (const Kind& kind : gittd::model::all_kinds()) {
        INFO(kind.folder);
        CHECK(kind.id_prefix.empty() != kind.derived_id_prefix.empty());
        CHECK(kind.id_prefix.empty() == (kind.id_hex_digits == 0));
        CHECK_FALSE(kind.td.entity_type.empty());
        for (const auto& field : kind.birth) CHECK(kind.field(field) != nullptr);
        for (const auto& reference : kind.references) CHECK(kind.field(reference.field) != nullptr);
    }
}

TEST_CASE("the kind table matches td's schema 38: columns and foreign keys", "[needs-shared]") {
    const std::filesystem::path schema = std::filesystem::path(GITTD_SHARED_DIR) / "td" / "schema.sql";
    if (!std::filesystem::exists(schema)) {
        WARN("this test needs ../shared, which is absent (no td/schema.sql): skipped");
        return;
    }
    std::ifstream in(schema);
    std::stringstream sql;
    sql << in.rdbuf();
    const TempDir dir;
    auto db = gittd::db::Connection::open_or_create(dir.path() / "td.db");
    db.exec(sql.str());
    for (const Kind& kind : gittd::model::all_kinds()) {
        INFO(kind.table);
        std::set<std::string> columns;
        auto info = db.prepare("SELECT name FROM pragma_table_info(?1)");
        info.bind(1, std::string(kind.table));
        while (info.step()) columns.insert(info.column_text(0));
        for (const auto& field : kind.fields) CHECK(columns.count(std::string(field.name)) == 1);
        // Null is allowed only where td's schema allows it (and td's scan takes it: see kinds.cpp).
        auto not_null = db.prepare("SELECT \"notnull\" FROM pragma_table_info(?1) WHERE name = ?2");
        for (const auto& field : kind.fields) {
            if (!field.null_allowed) continue;
            INFO(field.name);
            not_null.reset();
            not_null.bind(1, std::string(kind.table));
            not_null.bind(2, std::string(field.name));
            REQUIRE(not_null.step());
            CHECK(not_null.column_text(0) == "0");
        }
        for (const auto& local : kind.local_only) CHECK(columns.count(std::string(local)) == 1);
        CHECK(columns.size() == kind.fields.size() + kind.local_only.size());

        std::set<std::pair<std::string, std::string>> declared, ours;
        auto keys = db.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)");
        keys.bind(1, std::string(kind.table));
        while (keys.step()) declared.emplace(keys.column_text(0), keys.column_text(1));
        for (const auto& reference : kind.references) {
            if (reference.foreign_key) {
                ours.emplace(reference.field, gittd::model::kind(reference.target).table);
            }
        }
        CHECK(ours == declared);
    }
}
