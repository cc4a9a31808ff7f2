// The sync's in-memory merge (exchange/sync_merge.hpp) on commits git itself
// wrote: one-sided changes taken as they are, both-sided ones merged field
// by field, the result the same whichever side merges (two machines that
// merge the same pair converge), an id collision re-keyed with the records
// that follow it, modify/delete kept as the edit, and what the remote must
// not bring refused.
#include <catch2/catch.hpp>

#include <functional>

#include "../git/test_repository.hpp"
#include "../sample_issue.hpp"
#include "gittd/exchange/sync_merge.hpp"
#include "gittd/format/canonical_order.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/git/commit_writer.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/util/error.hpp"

using gittd::exchange::merge_sync_commits;
using gittd::exchange::SyncMergeReport;
using gittd::format::Document;
using gittd::git::ObjectId;

namespace {

std::string yaml(const Document& record, const char* folder = "issues") {
    return gittd::format::encode(gittd::format::canonical_order(*gittd::model::kind_by_folder(folder), record),
                                 gittd::format::Format::yaml);
}

Document issue(const std::string& title) {
    Document d = gittd::testing::sample_issue();
    d["title"] = title;
    return d;
}

Document log_of(const std::string& id, const std::string& issue_id, const std::string& message) {
    Document d = Document::object();
    d["id"] = id;
    d["issue_id"] = issue_id;
    d["session_id"] = "ses_1";
    d["work_session_id"] = "";
    d["message"] = message;
    d["type"] = "progress";
    d["timestamp"] = "2026-03-29T10:00:00Z";
    return d;
}

// Three commits of a sync branch: a base, and two children that each change it.
struct Sides {
    TestRepository repo;
    ObjectId base, ours, theirs;
    std::optional<gittd::git::Repository> git;

    using Change = std::function<void(TestRepository&)>;
    Sides(const Change& make_base, const Change& change_ours, const Change& change_theirs) {
        gittd::git::ensure_libgit2();
        repo.write("git-td.yaml", "format: yaml\nformat_version: 1\n");
        make_base(repo);
        base = repo.commit("base");
        change_ours(repo);
        ours = repo.commit("ours");
        repo.git("checkout -q -b theirs " + base.hex());
        change_theirs(repo);
        theirs = repo.commit("theirs");
        git = gittd::git::Repository::discover(repo.top());
    }

    SyncMergeReport merge(const ObjectId& a, const ObjectId& b, ObjectId& tree) const {
        gittd::git::CommitWriter writer(*git);
        SyncMergeReport report =
            merge_sync_commits(*git, base, a, b, "", [&](std::string_view bytes) { return writer.write_blob(bytes); });
        tree = writer.updated_tree(a, report.updates);
        writer.commit(std::vector<ObjectId>{a, b}, tree, "merge", {"", std::nullopt, ""});
        return report;
    }

    std::optional<std::string> file(const ObjectId& tree, const std::string& path) const {
        const auto entry = gittd::git::find_entry(*git, tree, path);
        if (!entry) return std::nullopt;
        return gittd::git::read_blob(*git, entry->id);
    }
};

}  // namespace

TEST_CASE(
    "sync merge: one-sided changes are taken as they are, two-sided ones merge field by field, either way round") {
    const Sides sides(
        [](TestRepository& r) {
            r.write("issues/td-a1b2c3.yaml", yaml(issue("Fix login redirect")));
            Document other = issue("Other");
            other["id"] = "td-000001";
            r.write("issues/td-000001.yaml", yaml(other));
        },
        [](TestRepository& r) {
            Document d = issue("Ours title");
            d["updated_at"] = "2026-03-29T00:00:00Z";
            r.write("issues/td-a1b2c3.yaml", yaml(d));
        },
        [](TestRepository& r) {
            Document d = issue("Theirs title");
            d["priority"] = "P0";
            d["updated_at"] = "2026-03-30T00:00:00Z";
            r.write("issues/td-a1b2c3.yaml", yaml(d));
            r.write("logs/lg-00000001.yaml", yaml(log_of("lg-00000001", "td-a1b2c3", "theirs' log"), "logs"));
            r.remove("issues/td-000001.yaml");
        });
    ObjectId one, other;
    const SyncMergeReport report = sides.merge(sides.ours, sides.theirs, one);
    sides.merge(sides.theirs, sides.ours, other);
    CHECK(one == other);  // the merge does not depend on which machine makes it
    CHECK(report.taken == 2);
    CHECK(report.merged == 1);
    CHECK(report.set_aside == 1);
    const std::string merged = *sides.file(one, "issues/td-a1b2c3.yaml");
    CHECK(merged.find("title: Theirs title") != std::string::npos);  // the later updated_at
    CHECK(merged.find("priority: P0") != std::string::npos);
    CHECK(merged.find("Ours title") != std::string::npos);  // set aside in conflicts, not lost
    CHECK(sides.file(one, "logs/lg-00000001.yaml"));
    CHECK_FALSE(sides.file(one, "issues/td-000001.yaml"));
}

TEST_CASE("sync merge: two records with one id are re-keyed, the same on both machines, with their logs") {
    const Sides sides([](TestRepository&) {},
                      [](TestRepository& r) { r.write("issues/td-a1b2c3.yaml", yaml(issue("Ours, created first"))); },
                      [](TestRepository& r) {
                          Document d = issue("Theirs, created later");
                          d["created_at"] = "2026-04-01T00:00:00Z";
                          d["creator_session"] = "ses_other";
                          r.write("issues/td-a1b2c3.yaml", yaml(d));
                          r.write("logs/lg-00000002.yaml",
                                  yaml(log_of("lg-00000002", "td-a1b2c3", "on theirs' record"), "logs"));
                      });
    ObjectId one, other;
    const SyncMergeReport report = sides.merge(sides.ours, sides.theirs, one);
    sides.merge(sides.theirs, sides.ours, other);
    CHECK(one == other);
    REQUIRE(report.rekeyed == 1);
    CHECK(sides.file(one, "issues/td-a1b2c3.yaml")->find("Ours, created first") != std::string::npos);
    std::string new_path;
    for (const auto& step : report.steps) {
        if (step.action == "re-keyed") new_path = step.path;
    }
    REQUIRE_FALSE(new_path.empty());
    const std::string moved = *sides.file(one, new_path);
    CHECK(moved.find("Theirs, created later") != std::string::npos);
    const std::string new_id = new_path.substr(std::string("issues/").size(), new_path.size() - 12);
    CHECK(sides.file(one, "logs/lg-00000002.yaml")->find("issue_id: " + new_id) != std::string::npos);
}

TEST_CASE("sync merge: an edit on one side and a removal on the other keep the edit, soft-deleted") {
    const Sides sides([](TestRepository& r) { r.write("issues/td-a1b2c3.yaml", yaml(issue("Before"))); },
                      [](TestRepository& r) { r.remove("issues/td-a1b2c3.yaml"); },
                      [](TestRepository& r) { r.write("issues/td-a1b2c3.yaml", yaml(issue("Edited"))); });
    ObjectId one, other;
    const SyncMergeReport report = sides.merge(sides.ours, sides.theirs, one);
    sides.merge(sides.theirs, sides.ours, other);
    CHECK(one == other);
    CHECK(report.kept_edits == 1);
    const std::string kept = *sides.file(one, "issues/td-a1b2c3.yaml");
    CHECK(kept.find("title: Edited") != std::string::npos);
    CHECK(kept.find("deleted_at: null") == std::string::npos);
    CHECK(kept.find("modified-while-deleted") != std::string::npos);
}

TEST_CASE("sync merge: a symlink the remote brings is refused, naming it") {
    const Sides sides([](TestRepository&) {},
                      [](TestRepository& r) { r.write("issues/td-a1b2c3.yaml", yaml(issue("x"))); },
                      [](TestRepository& r) { r.symlink("/etc/passwd", "issues/td-ffffff.yaml"); });
    ObjectId tree;
    try {
        sides.merge(sides.ours, sides.theirs, tree);
        FAIL("the symlink was taken");
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::untrusted);
        CHECK(std::string(e.what()).find("issues/td-ffffff.yaml") != std::string::npos);
    }
}

namespace {

// `count` issues both sides retitle; theirs is the later edit.
Sides many_conflicts(size_t count, const std::string& theirs_extra = "") {
    const auto id_of = [](size_t n) { return "td-" + std::to_string(500000 + n); };
    return Sides(
        [&](TestRepository& r) {
            for (size_t n = 0; n < count; ++n) {
                Document d = issue("base " + std::to_string(n));
                d["id"] = id_of(n);
                r.write("issues/" + id_of(n) + ".yaml", yaml(d));
            }
        },
        [&](TestRepository& r) {
            for (size_t n = 0; n < count; ++n) {
                Document d = issue("ours " + std::to_string(n));
                d["id"] = id_of(n);
                d["updated_at"] = "2026-03-29T00:00:00Z";
                r.write("issues/" + id_of(n) + ".yaml", yaml(d));
            }
        },
        [&](TestRepository& r) {
            for (size_t n = 0; n < count; ++n) {
                Document d = issue("theirs " + std::to_string(n));
                d["id"] = id_of(n);
                d["updated_at"] = "2026-03-30T00:00:00Z";
                r.write("issues/" + id_of(n) + ".yaml", yaml(d) + (n == count / 2 ? theirs_extra : ""));
            }
        });
}

}  // namespace

TEST_CASE("sync merge: hundreds of records both sides changed merge on all cores, the same either way round") {
    const size_t count = 400;  // enough for every thread the merge may start
    const Sides sides = many_conflicts(count);
    ObjectId one, other;
    const SyncMergeReport report = sides.merge(sides.ours, sides.theirs, one);
    sides.merge(sides.theirs, sides.ours, other);
    CHECK(one == other);
    CHECK(report.merged == count);
    CHECK(report.set_aside == count);
    for (size_t n = 0; n < count; n += 37) {
        const std::string merged = *sides.file(one, "issues/td-" + std::to_string(500000 + n) + ".yaml");
        CHECK(merged.find("title: theirs " + std::to_string(n) + "\n") != std::string::npos);
        CHECK(merged.find("ours " + std::to_string(n) + "\n") != std::string::npos);  // set aside
    }
}

TEST_CASE("sync merge: an oversize blob among hundreds of conflicts is refused, naming it") {
    const Sides sides = many_conflicts(300, "description_padding: " + std::string(17 * 1024 * 1024, 'x') + "\n");
    ObjectId tree;
    try {
        sides.merge(sides.ours, sides.theirs, tree);
        FAIL("the oversize blob was read");
    } catch (const gittd::Error& e) {
        CHECK(e.code() == gittd::ErrorCode::invalid_input);
        CHECK(std::string(e.what()).find("over the 16777216-byte limit of one record") != std::string::npos);
    }
}
