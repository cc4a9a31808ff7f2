#include <catch2/catch.hpp>
#include <random>

#include "gittd/format/codec.hpp"
#include "gittd/merge/record_merge.hpp"

using gittd::format::Document;
using gittd::merge::merge_records;

namespace {

const gittd::model::Kind& issues() { return *gittd::model::kind_by_folder("issues"); }

Document base_issue() {
    return {{"id", "td-a1b2c3"},
            {"title", "Login redirect broken"},
            {"description", "line one\nline two\nline three\n"},
            {"status", "open"},
            {"type", "bug"},
            {"priority", "P2"},
            {"points", 3},
            {"labels", Document::array({"auth", "web"})},
            {"implementer_session", ""},
            {"reviewer_session", ""},
            {"created_at", "2026-03-27T01:31:04Z"},
            {"updated_at", "2026-03-28T09:00:00Z"},
            {"closed_at", nullptr},
            {"deleted_at", nullptr},
            {"defer_count", 1},
            {"closed_by_session", ""}};
}

// Merges both ways and requires byte-identical results (the symmetry contract).
Document merge_both_ways(const Document* base, const Document& ours, const Document& theirs) {
    const auto one = merge_records(issues(), base, ours, theirs).merged;
    const auto two = merge_records(issues(), base, theirs, ours).merged;
    REQUIRE(gittd::format::encode_yaml(one) == gittd::format::encode_yaml(two));
    return one;
}

bool conflict_keeps(const Document& merged, const std::string& field, const Document& value) {
    if (!merged.contains("conflicts")) return false;
    for (const Document& entry : merged["conflicts"]) {
        if (entry["field"] != field) continue;
        for (const Document& v : entry["values"]) {
            if (v == value) return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("edits to different fields both survive, with no conflict entry") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["title"] = "Fix login redirect";
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["priority"] = "P1";
    theirs["updated_at"] = "2026-03-29T11:00:00Z";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["title"] == "Fix login redirect");
    CHECK(merged["priority"] == "P1");
    CHECK(merged["updated_at"] == "2026-03-29T11:00:00Z");
    CHECK_FALSE(merged.contains("conflicts"));
}

TEST_CASE("a scalar changed on both sides: the later record wins, the loser is kept") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["title"] = "Fix login redirect";
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["title"] = "Login goes to /home";
    theirs["updated_at"] = "2026-03-29T10:00:00.5Z";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["title"] == "Login goes to /home");
    REQUIRE(merged["conflicts"].size() == 1);
    const Document& entry = merged["conflicts"][0];
    CHECK(entry["field"] == "title");
    CHECK(entry["base"] == "Login redirect broken");
    CHECK(entry["values"] == Document::array({"Fix login redirect", "Login goes to /home"}));
    CHECK(entry["chosen"] == "Login goes to /home");
    CHECK(entry["rule"] == "lww");
    CHECK(entry["id"].get<std::string>().rfind("c-", 0) == 0);
}

TEST_CASE("re-merging a merged record adds no second entry") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["title"] = "A";
    theirs["title"] = "B";
    const Document merged = merge_both_ways(&base, ours, theirs);
    Document ours_again = ours;
    ours_again["conflicts"] = merged["conflicts"];
    const Document again = merge_both_ways(&base, ours_again, theirs);
    CHECK(again["conflicts"].size() == 1);
}

TEST_CASE("status is ranked and carries its workflow companions") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["status"] = "closed";
    ours["closed_at"] = "2026-03-29T10:00:00Z";
    ours["closed_by_session"] = "ses_ours";
    ours["updated_at"] = "2026-03-29T10:00:00Z";
    theirs["status"] = "in_progress";
    theirs["closed_by_session"] = "ses_theirs";
    theirs["updated_at"] = "2026-03-30T10:00:00Z";  // later, but closed outranks in_progress
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["status"] == "closed");
    CHECK(merged["closed_at"] == "2026-03-29T10:00:00Z");
    CHECK(merged["closed_by_session"] == "ses_ours");
    CHECK(conflict_keeps(merged, "status", "in_progress"));
    CHECK(conflict_keeps(merged, "closed_by_session", "ses_theirs"));
}

TEST_CASE("priority: the higher one wins") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["priority"] = "P0";
    theirs["priority"] = "P3";
    theirs["updated_at"] = "2026-04-01T00:00:00Z";
    CHECK(merge_both_ways(&base, ours, theirs)["priority"] == "P0");
}

TEST_CASE("text edits to different lines are merged line by line") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["description"] = "line ONE\nline two\nline three\n";
    theirs["description"] = "line one\nline two\nline THREE\n";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["description"] == "line ONE\nline two\nline THREE\n");
    CHECK_FALSE(merged.contains("conflicts"));
}

TEST_CASE("overlapping text edits: the later text wins whole, no markers, loser kept") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["description"] = "line one\nOURS\nline three\n";
    theirs["description"] = "line one\nTHEIRS\nline three\n";
    theirs["updated_at"] = "2026-04-01T00:00:00Z";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["description"] == "line one\nTHEIRS\nline three\n");
    CHECK(merged["description"].get<std::string>().find("<<<<<<<") == std::string::npos);
    CHECK(conflict_keeps(merged, "description", "line one\nOURS\nline three\n"));
}

TEST_CASE("labels merge as a three-way set; removals count") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["labels"] = Document::array({"auth", "security"});     // removed web, added security
    theirs["labels"] = Document::array({"auth", "web", "ui"});  // added ui
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["labels"] == Document::array({"auth", "security", "ui"}));
    CHECK_FALSE(merged.contains("conflicts"));
}

TEST_CASE("defer_count adds both deltas") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["defer_count"] = 2;
    theirs["defer_count"] = 3;
    CHECK(merge_both_ways(&base, ours, theirs)["defer_count"] == 4);
}

TEST_CASE("created_at takes the earliest, updated_at the latest") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["created_at"] = "2026-03-27T01:00:00Z";
    theirs["created_at"] = "2026-03-27T02:00:00Z";
    ours["updated_at"] = "2026-03-29T00:00:00.25Z";
    theirs["updated_at"] = "2026-03-29T00:00:00.3Z";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["created_at"] == "2026-03-27T01:00:00Z");
    CHECK(merged["updated_at"] == "2026-03-29T00:00:00.3Z");
}

TEST_CASE("an edit on one side and a soft delete on the other keeps both, and says so") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["deleted_at"] = "2026-04-01T00:00:00Z";
    theirs["title"] = "Still relevant";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["deleted_at"] == "2026-04-01T00:00:00Z");
    CHECK(merged["title"] == "Still relevant");
    REQUIRE(merged.contains("conflicts"));
    CHECK(merged["conflicts"][0]["rule"] == "modified-while-deleted");
}

TEST_CASE("reopening clears closed_at, and the dropped time is kept") {
    Document base = base_issue();
    base["status"] = "closed";
    base["closed_at"] = "2026-03-28T00:00:00Z";
    Document ours = base, theirs = base;
    ours["status"] = "open";  // reopened; closed_at left behind by a careless writer
    theirs["closed_at"] = "2026-03-29T00:00:00Z";
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["status"] == "open");
    CHECK(merged["closed_at"].is_null());
    CHECK(conflict_keeps(merged, "closed_at", "2026-03-29T00:00:00Z"));
}

TEST_CASE("add/add with no base still gives a valid record") {
    Document ours = base_issue(), theirs = base_issue();
    theirs["title"] = "Another title";
    theirs["unknown_column"] = "kept";
    const Document merged = merge_both_ways(nullptr, ours, theirs);
    CHECK(merged["id"] == "td-a1b2c3");
    CHECK(merged["unknown_column"] == "kept");
    CHECK(conflict_keeps(merged, "title", "Another title"));
}

TEST_CASE("unknown fields merge as scalars and come after known ones, sorted") {
    const Document base = base_issue();
    Document ours = base, theirs = base;
    ours["zz_new"] = 1;
    theirs["aa_new"] = "x";
    const Document merged = merge_both_ways(&base, ours, theirs);
    auto it = merged.end();
    --it;
    CHECK(it.key() == "zz_new");
    --it;
    CHECK(it.key() == "aa_new");
}

TEST_CASE("conflict entries merge as a set by id; a resolved entry stays resolved") {
    const Document entry_a = {{"id", "c-aaaaaaaa"}, {"field", "title"}};
    const Document entry_b = {{"id", "c-bbbbbbbb"}, {"field", "type"}};
    Document base = base_issue();
    base["conflicts"] = Document::array({entry_a});
    Document ours = base, theirs = base;
    ours.erase("conflicts");  // resolved on our side
    theirs["conflicts"] = Document::array({entry_a, entry_b});
    const Document merged = merge_both_ways(&base, ours, theirs);
    CHECK(merged["conflicts"] == Document::array({entry_b}));
}

TEST_CASE("merge property: symmetric, deterministic, total, and nothing lost") {
    std::mt19937 rng(42);
    const std::vector<Document> titles = {"A", "B", "C"};
    const std::vector<Document> statuses = {"open", "in_progress", "blocked", "in_review", "closed"};
    const std::vector<Document> texts = {"a\nb\nc\n", "a\nB\nc\n", "A\nb\nc\n", "a\nb\nC\n", "x\n", ""};
    const std::vector<Document> times = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z", "2026-01-02T00:00:00Z"};
    const std::vector<Document> labels = {Document::array(), Document::array({"a"}), Document::array({"a", "b"}),
                                          Document::array({"b", "c"})};
    auto pick = [&](const std::vector<Document>& v) { return v[rng() % v.size()]; };
    auto random_issue = [&] {
        Document d = base_issue();
        d["title"] = pick(titles);
        d["status"] = pick(statuses);
        d["description"] = pick(texts);
        d["updated_at"] = pick(times);
        d["labels"] = pick(labels);
        d["priority"] = "P" + std::to_string(rng() % 5);
        d["defer_count"] = static_cast<int>(rng() % 3);
        d["closed_by_session"] = pick(titles);
        if (rng() % 3 == 0) d["deleted_at"] = pick(times);
        if (rng() % 4 == 0) d["extra"] = pick(titles);
        return d;
    };
    for (int i = 0; i < 3000; ++i) {
        const Document base = random_issue(), ours = random_issue(), theirs = random_issue();
        const bool no_base = i % 5 == 0;
        const Document* b = no_base ? nullptr : &base;
        INFO("base " << base.dump() << "\nours " << ours.dump() << "\ntheirs " << theirs.dump());
        const Document merged = merge_both_ways(b, ours, theirs);
        CHECK(merge_records(issues(), b, ours, theirs).merged == merged);  // deterministic
        // Total: a valid record that encodes and decodes.
        CHECK(gittd::format::decode_yaml(gittd::format::encode_yaml(merged), "m.yaml") == merged);
        // Nothing lost: each scalar value a side changed is in the result or in an entry.
        for (const char* field : {"title", "status", "priority", "closed_by_session", "deleted_at"}) {
            for (const Document* side : {&ours, &theirs}) {
                const Document value = side->value(field, Document());
                const bool changed = no_base || value != base.value(field, Document());
                if (!changed) continue;
                const bool kept = merged.value(field, Document()) == value || conflict_keeps(merged, field, value);
                INFO(field << " value " << value.dump());
                CHECK(kept);
            }
        }
    }
}
