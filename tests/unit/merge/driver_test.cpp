// The merge driver as a function (src/gittd/merge/driver.hpp): what git's
// %O %A %B %L %P become, for every outcome the driver's contract names.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gittd/format/codec.hpp"
#include "gittd/merge/driver.hpp"
#include "gittd/tree/record_path.hpp"
#include "sample_issue.hpp"

using gittd::format::Document;
using gittd::format::Format;
using gittd::merge::DriverResult;
using gittd::merge::run_merge_driver;

namespace {

const char* const issue_path = ".todos/export/issues/td-a1b2c3.yaml";
const char* const issue_json_path = ".todos/export/issues/td-a1b2c3.json";

Document issue() { return gittd::testing::sample_issue(); }

std::string yaml(const Document& d) { return gittd::format::encode(d, Format::yaml); }
std::string json(const Document& d) { return gittd::format::encode(d, Format::json); }

DriverResult drive(const std::string& base, const std::string& ours, const std::string& theirs,
                   const char* path = issue_path, unsigned marker_size = 7) {
    return run_merge_driver({base, ours, theirs, marker_size, path});
}

// Runs the driver both ways round and requires the same bytes (rebase swaps the sides).
DriverResult drive_both_ways(const std::string& base, const std::string& ours, const std::string& theirs,
                             const char* path = issue_path) {
    const DriverResult one = drive(base, ours, theirs, path);
    const DriverResult two = drive(base, theirs, ours, path);
    REQUIRE(one.clean == two.clean);
    REQUIRE(one.bytes == two.bytes);
    return one;
}

size_t run_of(const std::string& line, char c) {
    size_t n = 0;
    while (n < line.size() && line[n] == c) ++n;
    return n;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// git's markers: `<<<<<<< ours`, `=======`, `>>>>>>> theirs`, each exactly `size` long.
bool has_markers_of_size(const std::string& text, size_t size) {
    bool open = false, middle = false, close = false;
    for (const std::string& line : lines_of(text)) {
        const size_t lt = run_of(line, '<'), eq = run_of(line, '='), gt = run_of(line, '>');
        if (lt >= 7 && lt != size) return false;
        if (gt >= 7 && gt != size) return false;
        if (eq >= 7 && eq != size) return false;
        open = open || (lt == size && line.substr(size) == " ours");
        middle = middle || (eq == size && line.size() == size);
        close = close || (gt == size && line.substr(size) == " theirs");
    }
    return open && middle && close;
}

Document decoded(const std::string& bytes, Format format = Format::yaml) {
    return gittd::format::decode(bytes, format, "merged");
}

}  // namespace

TEST_CASE("merge driver: edits to different fields merge cleanly, both kept") {
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["priority"] = "P1";
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["status"] = "in_progress";
    theirs["updated_at"] = "2026-03-29T11:00:00Z";
    const DriverResult result = drive_both_ways(yaml(base), yaml(ours), yaml(theirs));
    REQUIRE(result.clean);
    CHECK(result.reason.empty());
    CHECK(result.new_conflicts == 0);
    Document expected = base;
    expected["priority"] = "P1";
    expected["status"] = "in_progress";
    expected["updated_at"] = "2026-03-29T11:00:00Z";
    CHECK(result.bytes == yaml(expected));  // the canonical encoding, no conflicts list
}

TEST_CASE("merge driver: both sides edit one description at different lines: a line merge") {
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["description"] =
        "Users land on /home after logging in.\n\nExpected: back to the page they came from.\n"
        "Steps:\n1. open /settings\n2. log in\n";
    theirs["description"] =
        "Users land on /home after login.\n\nExpected: back to the page they came from.\n"
        "Steps:\n1. open /settings\n2. log in with SSO\n";
    const DriverResult result = drive_both_ways(yaml(base), yaml(ours), yaml(theirs));
    REQUIRE(result.clean);
    CHECK(decoded(result.bytes)["description"] ==
          "Users land on /home after logging in.\n\nExpected: back to the page they came from.\nSteps:\n"
          "1. open /settings\n2. log in with SSO\n");
}

TEST_CASE("merge driver: a field both sides changed resolves by rule, clean, the loser in conflicts") {
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["title"] = "Login goes to /home";
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["title"] = "Redirect after login";
    theirs["updated_at"] = "2026-03-29T11:00:00Z";
    const DriverResult result = drive_both_ways(yaml(base), yaml(ours), yaml(theirs));
    REQUIRE(result.clean);
    CHECK(result.new_conflicts == 1);
    const Document merged = decoded(result.bytes);
    CHECK(merged["title"] == "Redirect after login");  // the later updated_at
    REQUIRE(merged["conflicts"].size() == 1);
    const Document& entry = merged["conflicts"][0];
    CHECK(entry["field"] == "title");
    CHECK(entry["base"] == "Fix login redirect");
    CHECK(entry["values"] == Document::array({"Login goes to /home", "Redirect after login"}));
    CHECK(entry["chosen"] == "Redirect after login");
    CHECK(entry["rule"] == "lww");
    CHECK(result.bytes.find("<<<<<<<") == std::string::npos);
}

TEST_CASE("merge driver: JSON records merge to canonical JSON, identical either way round") {
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["labels"] = Document::array({"auth", "web"});
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["title"] = "Redirect after login";
    theirs["priority"] = "P0";
    theirs["updated_at"] = "2026-03-29T09:00:00Z";
    const DriverResult result = drive_both_ways(json(base), json(ours), json(theirs), issue_json_path);
    REQUIRE(result.clean);
    Document expected = base;
    expected["labels"] = Document::array({"auth", "web"});
    expected["title"] = "Redirect after login";
    expected["priority"] = "P0";
    expected["updated_at"] = "2026-03-29T10:00:00Z";
    CHECK(result.bytes == json(expected));
}

TEST_CASE("merge driver: the output does not depend on how ours was spelled") {
    // A hand-edited ours (a comment, keys out of order) with the same content
    // gives the very bytes the canonical one gives: nothing is taken from %A's
    // text but its parsed content.
    const Document base = issue();
    Document theirs = base;
    theirs["priority"] = "P1";
    std::string ours_text = "# edited by hand\n" + yaml(base);
    const std::string title = "title: Fix login redirect\n";
    ours_text.erase(ours_text.find(title), title.size());
    ours_text += title;
    const DriverResult result = drive(yaml(base), ours_text, yaml(theirs));
    REQUIRE(result.clean);
    Document expected = base;
    expected["priority"] = "P1";
    CHECK(result.bytes == yaml(expected));
    CHECK(drive(yaml(base), yaml(theirs), ours_text).bytes == result.bytes);
}

TEST_CASE("merge driver: symmetric on many two-sided edits, in YAML and JSON") {
    const Document base = issue();
    std::vector<std::pair<Document, Document>> cases;
    {
        Document o = base, t = base;
        o["status"] = "closed";
        o["closed_at"] = "2026-03-30T08:00:00Z";
        o["closed_by_session"] = "ses_111111";
        t["status"] = "in_review";
        t["reviewer_session"] = "ses_222222";
        cases.emplace_back(o, t);
    }
    {
        Document o = base, t = base;  // same updated_at: ties go to the larger bytes
        o["sprint"] = "s1";
        t["sprint"] = "s2";
        o["defer_count"] = 2;
        t["defer_count"] = 1;
        cases.emplace_back(o, t);
    }
    {
        Document o = base, t = base;
        o["description"] = "Rewritten by ours.\n";
        t["description"] = "Rewritten by theirs.\n";
        o["updated_at"] = "2026-03-29T10:00:00Z";
        t["x_unknown_field"] = "kept";
        cases.emplace_back(o, t);
    }
    for (const auto& [o, t] : cases) {
        CHECK(drive_both_ways(yaml(base), yaml(o), yaml(t)).clean);
        CHECK(drive_both_ways(json(base), json(o), json(t), issue_json_path).clean);
        CHECK(drive_both_ways("", yaml(o), yaml(t)).clean);  // add/add of one record
    }
}

TEST_CASE("merge driver: unparsable input is a conflict with markers of the given length") {
    const Document base = issue();
    Document theirs = base;
    theirs["title"] = "Redirect after login";
    std::string broken = yaml(base);
    broken.replace(broken.find("title: Fix login redirect"), 25, "title: [unclosed");

    SECTION("ours") {
        const DriverResult result = drive(yaml(base), broken, yaml(theirs), issue_path, 9);
        CHECK_FALSE(result.clean);
        CHECK(has_markers_of_size(result.bytes, 9));
        CHECK(result.reason.find("(ours)") != std::string::npos);
    }
    SECTION("theirs") {
        const DriverResult result = drive(yaml(base), yaml(theirs), broken, issue_path, 9);
        CHECK_FALSE(result.clean);
        CHECK(has_markers_of_size(result.bytes, 9));
        CHECK(result.reason.find("(theirs)") != std::string::npos);
    }
    SECTION("base") {
        Document ours = base;
        ours["title"] = "Login goes to /home";
        const DriverResult result = drive(broken, yaml(ours), yaml(theirs), issue_path, 7);
        CHECK_FALSE(result.clean);
        CHECK(has_markers_of_size(result.bytes, 7));
        CHECK(result.reason.find("(base)") != std::string::npos);
    }
    SECTION("a committed conflict in ours") {
        const std::string marked = drive(yaml(base), broken, yaml(theirs), issue_path, 7).bytes;
        const DriverResult result = drive(yaml(base), marked, yaml(theirs), issue_path, 11);
        CHECK_FALSE(result.clean);
        CHECK(result.reason.find("conflict markers") != std::string::npos);
    }
}

TEST_CASE("merge driver: a side holding a value td rejects is a conflict naming side, line and field") {
    const Document base = issue();
    Document good = base, bad = base;
    good["title"] = "Redirect after login";
    SECTION("an unknown status in ours") {
        bad["status"] = "pwned";
        const DriverResult result = drive(yaml(base), yaml(bad), yaml(good), issue_path, 7);
        CHECK_FALSE(result.clean);
        CHECK(has_markers_of_size(result.bytes, 7));
        CHECK_THAT(result.reason, Catch::Contains("td-a1b2c3.yaml (ours):"));
        CHECK_THAT(result.reason, Catch::Contains("'status' is 'pwned'; td accepts only"));
    }
    SECTION("a number for a boolean in theirs") {
        bad["minor"] = 7;
        const DriverResult result = drive(yaml(base), yaml(good), yaml(bad), issue_path, 7);
        CHECK_FALSE(result.clean);
        CHECK_THAT(result.reason, Catch::Contains("(theirs):"));
        CHECK_THAT(result.reason, Catch::Contains("'minor' must be true or false"));
    }
    SECTION("a timestamp that does not parse, in JSON") {
        bad["updated_at"] = "2026-13-45T99:99:99Z";
        const DriverResult result = drive(json(base), json(good), json(bad), issue_json_path, 7);
        CHECK_FALSE(result.clean);
        CHECK_THAT(result.reason, Catch::Contains("'updated_at' is '2026-13-45T99:99:99Z', not a timestamp"));
    }
}

TEST_CASE("merge driver: counters whose sum leaves 64 bits take the later side, never overflow") {
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["defer_count"] = std::int64_t{9223372036854775807};
    ours["updated_at"] = "2026-03-29T00:00:00Z";
    theirs["defer_count"] = 1;
    const DriverResult result = drive_both_ways(yaml(base), yaml(ours), yaml(theirs));
    CHECK(result.clean);
    CHECK(gittd::format::decode(result.bytes, Format::yaml, "merged")["defer_count"] == 9223372036854775807);
}

TEST_CASE("merge driver: an id that differs from the file name is a conflict (a rename), with markers") {
    // git paired td-a1b2c3 (removed, edited on one side) with an added record as a
    // rename: the raw texts would line-merge cleanly, yet the result must show both.
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["title"] = "Edited on our side";
    theirs["id"] = "td-ffffff";
    const DriverResult result = drive(yaml(base), yaml(ours), yaml(theirs), ".todos/export/issues/td-ffffff.yaml", 8);
    CHECK_FALSE(result.clean);
    CHECK(has_markers_of_size(result.bytes, 8));
    CHECK(result.reason.find("ids differ") != std::string::npos);
    CHECK(result.reason.find("rename") != std::string::npos);
}

TEST_CASE("merge driver: ids that differ between the inputs are a conflict") {
    const Document base = issue();
    Document theirs = base;
    theirs["id"] = "td-ffffff";
    theirs["title"] = "Another record";
    const DriverResult result = drive(yaml(base), yaml(base), yaml(theirs), issue_path, 7);
    CHECK_FALSE(result.clean);
    CHECK(has_markers_of_size(result.bytes, 7));
    CHECK(result.reason.find("theirs has 'td-ffffff'") != std::string::npos);
}

TEST_CASE("merge driver: a folder that is no kind is a conflict, with markers") {
    const Document base = issue();
    Document ours = base, theirs = base;
    ours["title"] = "ours";
    theirs["title"] = "theirs";
    const DriverResult result = drive(yaml(base), yaml(ours), yaml(theirs), ".todos/export/widgets/td-a1b2c3.yaml", 10);
    CHECK_FALSE(result.clean);
    CHECK(has_markers_of_size(result.bytes, 10));
    CHECK(result.reason.find("'widgets' is not a git-td kind folder") != std::string::npos);
}

TEST_CASE("merge driver: add/add of one record merges like any other") {
    const Document born = issue();
    Document ours = born, theirs = born;
    ours["status"] = "in_progress";
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["status"] = "blocked";
    theirs["updated_at"] = "2026-03-29T11:00:00Z";
    // The same birth, written in another timestamp form, is still the same record.
    theirs["created_at"] = "2026-03-27 01:31:04.633958+00:00";
    const DriverResult result = drive_both_ways("", yaml(ours), yaml(theirs));
    REQUIRE(result.clean);
    const Document merged = decoded(result.bytes);
    CHECK(merged["status"] == "blocked");  // ranked: blocked > in_progress
    CHECK(merged["conflicts"].size() == 1);
    CHECK(drive_both_ways("\n", yaml(ours), yaml(theirs)).bytes == result.bytes);  // blank = no base
}

TEST_CASE("merge driver: add/add id collision (two records, one id) is a conflict") {
    const Document ours = issue();
    Document theirs = issue();
    theirs["title"] = "A different issue that drew the same id";
    theirs["description"] = "Nothing to do with logins.\n";

    SECTION("different created_at") {
        theirs["created_at"] = "2026-04-02T12:00:00Z";
        const DriverResult result = drive("", yaml(ours), yaml(theirs), issue_path, 7);
        CHECK_FALSE(result.clean);
        CHECK(has_markers_of_size(result.bytes, 7));
        CHECK(result.reason.find("add/add id collision") != std::string::npos);
        CHECK(result.reason.find("created_at differs") != std::string::npos);
    }
    SECTION("different creator") {
        theirs["creator_session"] = "ses_000001";
        const DriverResult result = drive("", yaml(ours), yaml(theirs), issue_path, 12);
        CHECK_FALSE(result.clean);
        CHECK(has_markers_of_size(result.bytes, 12));
        CHECK(result.reason.find("creator_session differs") != std::string::npos);
    }
}

TEST_CASE("merge driver: add/add of link records is judged by the key td hashes into the id") {
    const char* path = ".todos/export/dependencies/dep_25d328b8574b4ed5.yaml";
    Document link = {{"id", "dep_25d328b8574b4ed5"},
                     {"issue_id", "td-6f5e47"},
                     {"depends_on_id", "td-656d5d"},
                     {"relation_type", "depends_on"}};
    CHECK(drive_both_ways("", yaml(link), yaml(link), path).clean);
    Document other = link;
    other["depends_on_id"] = "td-000000";
    const DriverResult result = drive("", yaml(link), yaml(other), path);
    CHECK_FALSE(result.clean);
    CHECK(result.reason.find("depends_on_id differs") != std::string::npos);
}

TEST_CASE("merge driver: a base with conflict markers (criss-cross virtual base) counts as none") {
    const Document base = issue();
    Document left = base, right = base;
    left["title"] = "Left title";
    right["title"] = "Right title";
    // What git hands the driver for the virtual base when merging the two
    // merge bases conflicted: their line merge, markers and all.
    const std::string virtual_base = drive("", yaml(left), "not: [yaml", issue_path, 9).bytes;
    REQUIRE(virtual_base.find("<<<<<<<<<") != std::string::npos);
    Document ours = left, theirs = left;
    ours["priority"] = "P0";
    theirs["status"] = "in_progress";
    const DriverResult result = drive_both_ways(virtual_base, yaml(ours), yaml(theirs));
    REQUIRE(result.clean);
    const Document merged = decoded(result.bytes);
    CHECK(merged["priority"] == "P0");
    CHECK(merged["status"] == "in_progress");
    CHECK(merged["title"] == "Left title");
}

TEST_CASE("merge driver: rerere's replay (conflicted base = one side) takes the recorded resolution") {
    Document ours = issue(), theirs = issue();
    theirs["title"] = "A different issue that drew the same id";
    theirs["created_at"] = "2026-04-02T12:00:00Z";
    // The conflict git left (the add/add collision), met again, and the person's resolution.
    const std::string conflicted = drive("", yaml(ours), yaml(theirs), issue_path).bytes;
    REQUIRE(conflicted.find("<<<<<<<") != std::string::npos);
    const std::string resolution = yaml(ours);
    const DriverResult replay = drive(conflicted, conflicted, resolution, issue_path);
    CHECK(replay.clean);
    CHECK(replay.bytes == resolution);
    const DriverResult swapped = drive(conflicted, resolution, conflicted, issue_path);
    CHECK(swapped.clean);
    CHECK(swapped.bytes == resolution);
    // Without markers in the base the shortcut is not taken: the record checks still run.
    Document renamed = issue();
    renamed["id"] = "td-000000";
    CHECK_FALSE(drive(yaml(ours), yaml(ours), yaml(renamed), issue_path).clean);
}

TEST_CASE("merge driver: files that are not records get git's plain line merge") {
    const std::string base = "format: yaml\nformat_version: 1\n";
    const DriverResult clean = drive(base, "format: json\nformat_version: 1\n", base, ".todos/export/git-td.yaml");
    CHECK(clean.clean);
    CHECK(clean.bytes == "format: json\nformat_version: 1\n");
    const DriverResult conflict =
        drive(base, "format: json\nformat_version: 1\n", "format: yaml\nformat_version: 2\n", "git-td.yaml", 7);
    CHECK_FALSE(conflict.clean);
    CHECK(has_markers_of_size(conflict.bytes, 7));
    const DriverResult readme = drive("a\n", "b\n", "a\n", ".todos/export/issues/README.md");
    CHECK(readme.clean);
    CHECK(readme.bytes == "b\n");
}

TEST_CASE("merge driver: paths classify into records, tree files and refusals") {
    using gittd::tree::classify_path;
    using What = gittd::tree::RecordPath::What;
    const auto record = classify_path(".todos/export/logs/lg-0a1b2c3d.json");
    CHECK(record.what == What::record);
    CHECK(record.id == "lg-0a1b2c3d");
    CHECK(record.format == Format::json);
    CHECK(record.kind->folder == "logs");
    CHECK(classify_path("sub/project/.todos/export/issues/td-1.yaml").what == What::record);
    CHECK(classify_path("issues/td-1.yaml").what == What::record);  // a tree at the top of its branch
    CHECK(classify_path(".todos/export/git-td.yaml").what == What::other_file);
    CHECK(classify_path(".todos/export/.gitattributes").what == What::other_file);
    CHECK(classify_path("git-td.yaml").what == What::other_file);
    CHECK(classify_path(".todos/export/issues/notes.txt").what == What::other_file);
    CHECK(classify_path(".todos/export/widgets/td-1.yaml").what == What::unknown_folder);
    CHECK(classify_path(".todos/export/issues/deep/td-1.yaml").what == What::unknown_folder);
    CHECK(classify_path(".todos/export/issues/-bad id.yaml").what == What::bad_name);
}
