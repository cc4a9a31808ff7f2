// The record check (src/gittd/tree/record_check.hpp): import refuses, and
// export will not write, any value td cannot read back. The accepted and
// refused values were found with td's own readers (shared/td/bin/tdread).
#include <catch2/catch.hpp>

#include <string>

#include "gittd/format/codec.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/util/error.hpp"
#include "sample_issue.hpp"

using gittd::format::Document;
using gittd::format::Format;
using gittd::model::KindId;

namespace {

const gittd::model::Kind& issue_kind() { return gittd::model::kind(KindId::issue); }

Document issue() {
    Document d = gittd::testing::sample_issue();
    d["description"] = "status: pwned\nminor: 7\n";  // key-like lines inside a text field
    return d;
}

// The problem field of an issue whose `field` holds `value`, or "" when td reads it.
std::string problem_with(const std::string& field, const Document& value) {
    Document d = issue();
    d[field] = value;
    const auto problem = gittd::tree::find_field_problem(issue_kind(), d);
    return problem ? problem->field : std::string();
}

// What import says about the file `text` (YAML), or "" when it takes it.
std::string import_error(const std::string& text, Format format = Format::yaml) {
    const std::string file = format == Format::yaml ? "issues/td-a1b2c3.yaml" : "issues/td-a1b2c3.json";
    try {
        gittd::tree::check_record(issue_kind(), gittd::format::decode(text, format, file), "td-a1b2c3", file, text);
    } catch (const gittd::Error& e) {
        return e.what();
    }
    return {};
}

std::string yaml_with(const std::string& field, const std::string& yaml_value) {
    std::string text = gittd::format::encode(issue(), Format::yaml);
    const std::string key = "\n" + field + ": ";
    const size_t at = text.find(key);
    REQUIRE(at != std::string::npos);
    const size_t end = text.find('\n', at + 1);
    return text.substr(0, at + key.size()) + yaml_value + text.substr(end);
}

}  // namespace

TEST_CASE("record check: an issue as export writes it passes") {
    CHECK_FALSE(gittd::tree::find_field_problem(issue_kind(), issue()));
    CHECK(import_error(gittd::format::encode(issue(), Format::yaml)).empty());
    CHECK(import_error(gittd::format::encode(issue(), Format::json), Format::json).empty());
}

TEST_CASE("record check: td's issue enumerations, exactly") {
    for (const char* status : {"open", "in_progress", "blocked", "in_review", "closed"}) {
        CHECK(problem_with("status", status).empty());
    }
    for (const char* status : {"pwned", "OPEN", "", "done"}) CHECK(problem_with("status", status) == "status");
    CHECK(problem_with("status", 1) == "status");
    CHECK(problem_with("status", nullptr) == "status");
    for (const char* type : {"bug", "feature", "task", "epic", "chore"}) CHECK(problem_with("type", type).empty());
    for (const char* type : {"story", "Bug", ""}) CHECK(problem_with("type", type) == "type");
    for (const char* priority : {"P0", "P1", "P2", "P3", "P4"}) CHECK(problem_with("priority", priority).empty());
    for (const char* priority : {"P5", "p1", "", "high"}) CHECK(problem_with("priority", priority) == "priority");
    for (int points : {0, 1, 2, 3, 5, 8, 13, 21}) CHECK(problem_with("points", points).empty());
    for (int points : {4, 34, 100, -1}) CHECK(problem_with("points", points) == "points");
    CHECK(problem_with("points", nullptr).empty());  // td reads a NULL points
}

TEST_CASE("record check: integers are 64-bit integers, not text, numbers or booleans") {
    CHECK(problem_with("defer_count", -5).empty());
    CHECK(problem_with("defer_count", std::int64_t{9223372036854775807}).empty());
    CHECK(problem_with("defer_count", std::uint64_t{9223372036854775808ULL}) == "defer_count");
    CHECK(problem_with("defer_count", 1e26) == "defer_count");
    CHECK(problem_with("defer_count", 2.5) == "defer_count");
    CHECK(problem_with("defer_count", "3") == "defer_count");
    CHECK(problem_with("defer_count", true) == "defer_count");
    CHECK(problem_with("defer_count", nullptr) == "defer_count");  // td cannot scan NULL into its int

    CHECK_THAT(import_error(yaml_with("points", "\"3\"")),
               Catch::Contains("td-a1b2c3.yaml:9: 'points' must be an integer, found text '3'"));
    CHECK_THAT(
        import_error(yaml_with("defer_count", "100000000000000000000000000")),
        Catch::Contains("'defer_count' '100000000000000000000000000' is out of range; td's integers are 64-bit"));
    CHECK_THAT(import_error(yaml_with("defer_count", "1e26")), Catch::Contains("out of range"));
    std::string json = gittd::format::encode(issue(), Format::json);
    json.replace(json.find("\"defer_count\": 0"), 16, "\"defer_count\": 9223372036854775808");
    // The JSON reader refuses 2^63 itself (decision 122), on the same line.
    CHECK_THAT(import_error(json, Format::json),
               Catch::Contains("td-a1b2c3.json:26: the integer 9223372036854775808 is beyond td's 64-bit integers"));
}

TEST_CASE("record check: booleans are true or false, never null or a number") {
    CHECK(problem_with("minor", true).empty());
    CHECK(problem_with("minor", 7) == "minor");
    CHECK(problem_with("minor", 1) == "minor");
    CHECK(problem_with("minor", "yes") == "minor");
    CHECK(problem_with("minor", nullptr) == "minor");
    CHECK_THAT(import_error(yaml_with("minor", "7")),
               Catch::Contains("td-a1b2c3.yaml:20: 'minor' must be true or false, found '7'"));
}

TEST_CASE("record check: timestamps must parse; every form td writes is read") {
    for (const char* stamp : {"2026-04-04T07:13:49.270094495Z", "2026-04-04 07:13:49.27+02:00",
                              "2026-04-04T07:13:49-05:00", "2026-04-04 07:13:49", "2026-04-04T07:13:49",
                              "2026-04-04 03:13:49.27 -0400 EDT m=+0.02", "2026-04-04 03:13:49 +0000 UTC"}) {
        INFO(stamp);
        CHECK(problem_with("created_at", stamp).empty());
    }
    for (const char* stamp : {"2026-13-45T99:99:99Z", "2026-02-30 10:00:00", "last tuesday", ""}) {
        INFO(stamp);
        CHECK(problem_with("created_at", stamp) == "created_at");
        CHECK(problem_with("closed_at", stamp) == "closed_at");
    }
    CHECK(problem_with("created_at", 1775286829) == "created_at");
    CHECK(problem_with("closed_at", nullptr).empty());           // nullable DATETIME
    CHECK(problem_with("created_at", nullptr) == "created_at");  // NOT NULL
    CHECK_THAT(
        import_error(yaml_with("created_at", "\"2026-13-45T99:99:99Z\"")),
        Catch::Contains("td-a1b2c3.yaml:16: 'created_at' is '2026-13-45T99:99:99Z', not a timestamp td can read"));

    Document note = Document::object();
    note["id"] = "nt-a1b2c3";
    note["title"] = "n";
    note["content"] = "c";
    note["created_at"] = "2026-04-04T07:13:49Z";
    note["updated_at"] = "someday";
    note["pinned"] = false;
    note["archived"] = false;
    note["deleted_at"] = nullptr;
    const auto problem = gittd::tree::find_field_problem(gittd::model::kind(KindId::note), note);
    REQUIRE(problem);
    CHECK(problem->field == "updated_at");
}

TEST_CASE("record check: null only where td reads NULL; text and lists") {
    CHECK(problem_with("description", nullptr).empty());
    CHECK(problem_with("labels", nullptr).empty());
    CHECK(problem_with("title", nullptr) == "title");
    CHECK(problem_with("title", 42).empty());  // SQLite stores it as the text '42'
    CHECK(problem_with("title", true) == "title");
    CHECK(problem_with("labels", Document::array({"a,b"})) == "labels");

    const auto& handoffs = gittd::model::kind(KindId::handoff);
    Document handoff = Document::object();
    handoff["id"] = "ho-0a1b2c3d";
    handoff["issue_id"] = "td-a1b2c3";
    handoff["session_id"] = "ses_1";
    handoff["done"] = nullptr;  // td's own JSON null text
    handoff["remaining"] = Document::array({"x"});
    handoff["timestamp"] = "2026-04-04T07:13:49Z";
    CHECK_FALSE(gittd::tree::find_field_problem(handoffs, handoff));
    handoff["remaining"] = "not json";  // td cannot unmarshal it
    REQUIRE(gittd::tree::find_field_problem(handoffs, handoff));
    CHECK(gittd::tree::find_field_problem(handoffs, handoff)->field == "remaining");

    const auto& logs = gittd::model::kind(KindId::log);
    Document log = Document::object();
    log["id"] = "lg-0a1b2c3d";
    log["issue_id"] = nullptr;  // td scans it into a string
    REQUIRE(gittd::tree::find_field_problem(logs, log));
    CHECK(gittd::tree::find_field_problem(logs, log)->field == "issue_id");
}

TEST_CASE("record check: fields td does not validate take any text") {
    Document review = Document::object();
    review["id"] = "rv-0a1b2c3d";
    review["decision"] = "rubber_stamped";  // td's models accept any decision
    CHECK_FALSE(gittd::tree::find_field_problem(gittd::model::kind(KindId::review), review));
    Document board = Document::object();
    board["id"] = "bd-0a1b2c3d";
    board["view_mode"] = "kanban";
    CHECK_FALSE(gittd::tree::find_field_problem(gittd::model::kind(KindId::board), board));
}

TEST_CASE("record check: import names the file and the top-level line, not a description's") {
    // The description holds "status: pwned" on its own line before the real status.
    const std::string text = yaml_with("status", "pwned");
    CHECK_THAT(import_error(text), Catch::StartsWith("issues/td-a1b2c3.yaml:6: 'status' is 'pwned'; td accepts only "
                                                     "open, in_progress, blocked, in_review, closed"));
    std::string json = gittd::format::encode(issue(), Format::json);
    json.replace(json.find("\"status\": \"open\""), 16, "\"status\": \"pwned\"");
    CHECK_THAT(import_error(json, Format::json), Catch::StartsWith("issues/td-a1b2c3.json:5: 'status' is 'pwned'"));
}

TEST_CASE("record check: a missing field takes its default, and a required one is named") {
    Document d = issue();
    d.erase("points");
    d.erase("minor");
    const Document checked = gittd::tree::check_record(issue_kind(), d, "td-a1b2c3", "f.yaml", "");
    CHECK(checked["points"] == 0);
    CHECK(checked["minor"] == false);
    d.erase("title");
    CHECK_THROWS_WITH(gittd::tree::check_record(issue_kind(), d, "td-a1b2c3", "f.yaml", ""),
                      "f.yaml: 'title' is missing; td needs a value here");
}
