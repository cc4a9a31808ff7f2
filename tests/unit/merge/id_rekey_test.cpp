// Re-keying an add/add id collision (src/gittd/merge/id_rekey.hpp, used by
// `git td resolve`): which of two colliding records is re-keyed, the shape of
// its fresh id, td's derived link ids, and the references that follow it.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "gittd/merge/id_rekey.hpp"
#include "gittd/model/kinds.hpp"

using gittd::format::Document;
using gittd::merge::Side;
namespace model = gittd::model;
namespace gs = gittd::merge;

namespace {

const model::Kind& kind(const char* folder) { return *model::kind_by_folder(folder); }

Document issue(const char* id, const char* created_at, const char* title) {
    return {{"id", id},
            {"title", title},
            {"parent_id", ""},
            {"created_at", created_at},
            {"updated_at", "2026-04-03T10:00:00Z"},
            {"deleted_at", nullptr},
            {"creator_session", "ses_aaaaaa"}};
}

bool matches(const std::string& text, const char* pattern) { return std::regex_match(text, std::regex(pattern)); }

}  // namespace

TEST_CASE("the later-created of two colliding records is re-keyed, whichever side it is on") {
    const Document early = issue("td-c00001", "2026-04-02T10:00:00Z", "Early");
    const Document late = issue("td-c00001", "2026-04-02 13:00:00+02:00", "Late");  // 11:00 UTC: an instant
    CHECK(gs::later_created(kind("issues"), early, late) == Side::theirs);
    CHECK(gs::later_created(kind("issues"), late, early) == Side::ours);
}

TEST_CASE("a tie in creation time is broken by the canonical bytes, symmetrically") {
    const Document a = issue("td-c00001", "2026-04-02T10:00:00Z", "Alpha");
    const Document b = issue("td-c00001", "2026-04-02T10:00:00.000Z", "Beta");
    const Side one = gs::later_created(kind("issues"), a, b);
    const Side two = gs::later_created(kind("issues"), b, a);
    CHECK(one != two);
    CHECK(one == Side::theirs);  // "Beta" > "Alpha"
    // No creation time at all (a dependency): the bytes decide too.
    const Document d1 = {{"id", "dep_1"}, {"issue_id", "td-a"}}, d2 = {{"id", "dep_1"}, {"issue_id", "td-b"}};
    CHECK(gs::later_created(kind("dependencies"), d1, d2) == Side::theirs);
    CHECK(gs::later_created(kind("dependencies"), d2, d1) == Side::ours);
}

TEST_CASE("a fresh id has td's shape for the kind and is stable") {
    auto none = [](const std::string&) { return false; };
    const std::string id = gs::fresh_id("td-c00001", "record bytes", none);
    CHECK(matches(id, "td-[0-9a-f]{6}"));
    CHECK(id != "td-c00001");
    CHECK(gs::fresh_id("td-c00001", "record bytes", none) == id);
    CHECK(gs::fresh_id("td-c00001", "other bytes", none) != id);
    CHECK(matches(gs::fresh_id("lg-0a1b2c3d", "x", none), "lg-[0-9a-f]{8}"));
    CHECK(matches(gs::fresh_id("ws-29d1", "x", none), "ws-[0-9a-f]{4}"));
    CHECK(matches(gs::fresh_id("nt-0710ba98", "x", none), "nt-[0-9a-f]{8}"));
}

TEST_CASE("a fresh id never takes an id that is taken") {
    std::set<std::string> asked;
    const std::string first = gs::fresh_id("td-c00001", "seed", [](const std::string&) { return false; });
    const std::string second = gs::fresh_id("td-c00001", "seed", [&](const std::string& id) {
        asked.insert(id);
        return id == first;
    });
    CHECK(second != first);
    CHECK(asked.count(first) == 1);
    CHECK(matches(second, "td-[0-9a-f]{6}"));
}

TEST_CASE("link ids are derived from their key as td derives them") {
    // Rows of the real database tetrabit__llmfit.db.
    const Document dependency = {
        {"id", "x"}, {"issue_id", "td-6f5e47"}, {"depends_on_id", "td-656d5d"}, {"relation_type", "depends_on"}};
    CHECK(gs::derived_link_id(kind("dependencies"), dependency) == "dep_25d328b8574b4ed5");
    const Document file = {{"id", "x"}, {"issue_id", "td-44aec5"}, {"file_path", "llmfit-core/src/update.rs"}};
    CHECK(gs::derived_link_id(kind("files"), file) == "ifl_b6c0a0eaca4567e0");
    const Document tag = {{"id", "x"}, {"work_session_id", "ws-4ffa"}, {"issue_id", "td-26f9d3"}};
    CHECK(gs::derived_link_id(kind("work_session_issues"), tag) == "wsi_b1ed177525eda28b");
    CHECK_FALSE(gs::derived_link_id(kind("issues"), issue("td-1", "", "")).has_value());
}

TEST_CASE("the references to a re-keyed id are found in every field that names it") {
    const Document log = {{"id", "lg-1"}, {"issue_id", "td-c00001"}, {"work_session_id", ""}, {"message", "td-c00001"}};
    CHECK(gs::fields_naming(kind("logs"), log, "issues", "td-c00001") == std::vector<std::string>{"issue_id"});
    const Document dependency = {{"id", "dep_1"}, {"issue_id", "td-c00001"}, {"depends_on_id", "td-c00001"}};
    CHECK(gs::fields_naming(kind("dependencies"), dependency, "issues", "td-c00001") ==
          std::vector<std::string>{"issue_id", "depends_on_id"});
    Document child = issue("td-000002", "2026-04-01T00:00:00Z", "Child");
    child["parent_id"] = "td-c00001";
    CHECK(gs::fields_naming(kind("issues"), child, "issues", "td-c00001") == std::vector<std::string>{"parent_id"});
    CHECK(gs::fields_naming(kind("notes"), {{"id", "nt-1"}, {"content", "td-c00001"}}, "issues", "td-c00001").empty());
    // A field that names another kind is not a reference to the re-keyed record.
    const Document odd = {{"id", "lg-2"}, {"issue_id", ""}, {"work_session_id", "td-c00001"}};
    CHECK(gs::fields_naming(kind("logs"), odd, "issues", "td-c00001").empty());
}
