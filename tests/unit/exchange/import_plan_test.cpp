// The pure half of import: what one record becomes, from its change in the
// tree and its row now (DESIGN §3's table, one case each).
#include <catch2/catch.hpp>

#include "gittd/exchange/import_plan.hpp"
#include "gittd/format/canonical_order.hpp"

using gittd::exchange::ImportAction;
using gittd::exchange::plan_record;
using gittd::exchange::TreeChange;
using gittd::format::Document;

namespace {

const gittd::model::Kind& issues() { return gittd::model::kind(gittd::model::KindId::issue); }

Document issue(const std::string& title, const std::string& status = "open",
               const std::string& updated = "2026-03-01T00:00:00Z") {
    // Records reach the plan in canonical order (rows through RowLayout, files through check_record).
    return gittd::format::canonical_order(issues(), Document{{"id", "td-a1b2c3"},
                                                             {"title", title},
                                                             {"status", status},
                                                             {"priority", "P2"},
                                                             {"labels", Document::array()},
                                                             {"updated_at", updated},
                                                             {"created_at", "2026-01-01T00:00:00Z"}});
}

gittd::exchange::RecordPlan plan(std::optional<Document> tree, std::optional<Document> base,
                                 std::optional<Document> row) {
    TreeChange change{"td-a1b2c3", std::move(tree), std::move(base), std::nullopt};
    return plan_record(issues(), change, std::move(row), "2026-12-01T00:00:00Z");
}

}  // namespace

TEST_CASE("plan: a record new in the tree is inserted") {
    const auto p = plan(issue("new"), std::nullopt, std::nullopt);
    CHECK(p.action == ImportAction::insert);
    CHECK(p.writes_row());
    CHECK((*p.after)["title"] == "new");
    CHECK(p.agreed_text() == gittd::exchange::BaseStore::record_text(*p.after));
    CHECK_FALSE(p.reason.empty());
}

TEST_CASE("plan: changed in the tree only, the tree's version is written") {
    const auto p = plan(issue("tree"), issue("base"), issue("base"));
    CHECK(p.action == ImportAction::update);
    CHECK((*p.after)["title"] == "tree");
}

TEST_CASE("plan: changed on both sides, merged field by field") {
    Document row = issue("base", "closed", "2026-03-02T00:00:00Z");
    const auto p = plan(issue("tree", "open", "2026-03-03T00:00:00Z"), issue("base"), row);
    CHECK(p.action == ImportAction::merge);
    CHECK((*p.after)["title"] == "tree");     // only the tree changed it
    CHECK((*p.after)["status"] == "closed");  // only the database changed it
}

TEST_CASE("plan: both sides made the same change, nothing to write") {
    const auto p = plan(issue("same"), issue("base"), issue("same"));
    CHECK(p.action == ImportAction::none);
    CHECK_FALSE(p.writes_row());
}

TEST_CASE("plan: a disagreement the database's side won is recorded, not written") {
    // Both changed the title; the database's edit is later, so it wins and
    // only the set-aside value is new.
    const auto p =
        plan(issue("tree", "open", "2026-03-02T00:00:00Z"), issue("base"), issue("db", "open", "2026-03-05T00:00:00Z"));
    CHECK(p.action == ImportAction::recorded);
    CHECK_FALSE(p.writes_row());
    REQUIRE(p.new_entries.size() == 1);
    CHECK(p.new_entries[0]["field"] == "title");
    CHECK(p.agreed_text()->find("\"conflicts\"") != std::string::npos);
}

TEST_CASE("plan: an issue removed from the tree, unchanged in the database: marked deleted as td does") {
    const auto p = plan(std::nullopt, issue("base"), issue("base"));
    CHECK(p.action == ImportAction::soft_delete);
    REQUIRE(p.writes_row());
    CHECK((*p.after)["deleted_at"] == "2026-12-01T00:00:00Z");
    CHECK((*p.after)["updated_at"] == "2026-12-01T00:00:00Z");
    CHECK((*p.after)["title"] == "base");
    CHECK_FALSE(p.agreed.has_value());  // the base forgets it: export writes the deleted issue back
}

TEST_CASE("plan: an issue removed from the tree and already deleted in td stays as it is") {
    Document deleted = issue("base");
    deleted["deleted_at"] = "2026-02-01T00:00:00Z";
    const auto p = plan(std::nullopt, deleted, deleted);
    CHECK(p.action == ImportAction::none);
    CHECK_FALSE(p.writes_row());
}

TEST_CASE("plan: a log (no deleted_at) removed from the tree, unchanged in the database: deleted") {
    const auto& logs = gittd::model::kind(gittd::model::KindId::log);
    const Document log{{"id", "lg-0a1b2c3d"}, {"issue_id", "td-a1b2c3"}, {"message", "m"}};
    TreeChange change{"lg-0a1b2c3d", std::nullopt, log, std::nullopt};
    const auto p = plan_record(logs, change, log, "2026-12-01T00:00:00Z");
    CHECK(p.action == ImportAction::remove);
    CHECK_FALSE(p.after.has_value());
    CHECK_FALSE(p.agreed.has_value());
}

TEST_CASE("plan: a merge keeps the conflicts entries the base already had") {
    const Document entry{{"id", "c-0123abcd"},   {"field", "title"}, {"base", "a"},
                         {"values", {"b", "c"}}, {"chosen", "c"},    {"rule", "lww"}};
    Document base = issue("base");
    base["conflicts"] = Document::array({entry});
    Document tree = issue("base", "closed", "2026-03-02T00:00:00Z");
    tree["conflicts"] = Document::array({entry});
    const auto p = plan(tree, base, issue("edited here", "open", "2026-03-03T00:00:00Z"));
    CHECK(p.action == ImportAction::merge);
    REQUIRE(p.after->contains("conflicts"));
    CHECK((*p.after)["conflicts"].size() == 1);
    CHECK((*p.after)["conflicts"][0]["id"] == "c-0123abcd");
    CHECK(p.new_entries.empty());  // nothing new for sync_conflicts
}

TEST_CASE("plan: removed from the tree but changed in the database: kept") {
    const auto p = plan(std::nullopt, issue("base"), issue("edited here"));
    CHECK(p.action == ImportAction::kept);
    CHECK((*p.after)["title"] == "edited here");
    CHECK_FALSE(p.writes_row());
}

TEST_CASE("plan: gone from the database but changed in the tree: restored") {
    const auto p = plan(issue("tree"), issue("base"), std::nullopt);
    CHECK(p.action == ImportAction::restored);
    CHECK(p.writes_row());
}

TEST_CASE("plan: action names are the stable words of output and JSON") {
    CHECK(gittd::exchange::action_name(ImportAction::remove) == "delete");
    CHECK(gittd::exchange::action_name(ImportAction::soft_delete) == "soft-delete");
    CHECK(gittd::exchange::action_name(ImportAction::insert) == "insert");
    CHECK(gittd::exchange::action_name(ImportAction::postponed) == "postponed");
}
