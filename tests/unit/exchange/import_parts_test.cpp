// A full import holds one part of a kind at a time (import_pipeline.hpp):
// here parts of two records, so every kind crosses part boundaries, children
// find parents written parts earlier, and a dry run (which writes nothing)
// still finds the parents it planned.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "../sample_issue.hpp"
#include "../temp_dir.hpp"
#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/importer.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/td/database_create.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/files.hpp"

namespace fs = std::filesystem;
using gittd::format::Document;
using namespace gittd::exchange;

namespace {

constexpr int issues = 7;
constexpr size_t records = 2 * static_cast<size_t>(issues);  // an issue and a comment each

std::string issue_id(int i) { return "td-00000" + std::to_string(i); }

void write_record(const fs::path& export_dir, const std::string& folder, const Document& record) {
    fs::create_directories(export_dir / folder);
    gittd::write_file_atomic(export_dir / folder / (record["id"].get<std::string>() + ".yaml"),
                             gittd::format::encode(record, gittd::format::Format::yaml));
}

// Seven issues, a comment on each, and one comment on an issue nobody has.
void write_tree(const fs::path& top) {
    const fs::path export_dir = top / ".todos/export";
    fs::create_directories(export_dir);
    gittd::write_file_atomic(export_dir / "git-td.yaml", gittd::tree::tree_config_text({}));
    for (int i = 1; i <= issues; ++i) {
        Document issue = gittd::testing::sample_issue();
        issue["id"] = issue_id(i);
        write_record(export_dir, "issues", issue);
        const Document comment = {{"id", "cm-0000000" + std::to_string(i)},
                                  {"issue_id", issue_id(i)},
                                  {"session_id", "ses_1"},
                                  {"text", "comment " + std::to_string(i)},
                                  {"created_at", "2026-03-28T09:02:11Z"}};
        write_record(export_dir, "comments", comment);
    }
    const Document orphan = {{"id", "cm-00000009"},
                             {"issue_id", "td-ffffff"},
                             {"session_id", "ses_1"},
                             {"text", "nobody's"},
                             {"created_at", "2026-03-28T09:02:11Z"}};
    write_record(export_dir, "comments", orphan);
}

// The working tree, listing each folder sorted by name: which part a file
// falls in is then known (a directory lists in hash order).
class SortedTree final : public gittd::tree::RecordSource {
  public:
    explicit SortedTree(const fs::path& top) : tree_(top) {}
    std::string describe(std::string_view relative) const override { return tree_.describe(relative); }
    std::optional<std::string> read_config() const override { return tree_.read_config(); }
    std::vector<std::string> folders() const override { return tree_.folders(); }
    void list(const gittd::model::Kind& kind,
              const std::function<void(const gittd::tree::SourceEntry&)>& visit) const override {
        std::vector<std::pair<std::string, gittd::tree::SourceEntry>> entries;
        tree_.list(kind, [&](const gittd::tree::SourceEntry& entry) { entries.emplace_back(entry.name, entry); });
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [name, entry] : entries) {
            entry.name = name;
            visit(entry);
        }
    }
    std::optional<gittd::tree::SourceEntry> entry(const gittd::model::Kind& kind,
                                                  std::string_view name) const override {
        return tree_.entry(kind, name);
    }
    std::optional<std::string> read(const gittd::model::Kind& kind, std::string_view name) const override {
        return tree_.read(kind, name);
    }

  private:
    gittd::tree::WorkingTree tree_;
};

size_t count_rows(gittd::db::TdDatabase& database, const std::string& table) {
    gittd::db::Statement count = database.connection().prepare("SELECT count(*) FROM " + table);
    count.step();
    return static_cast<size_t>(std::get<std::int64_t>(count.column(0)));
}

}  // namespace

TEST_CASE("an import in parts of two records writes every kind, parents before children") {
    TempDir dir;
    write_tree(dir.path());
    gittd::td::create_database(dir.path() / ".todos/issues.db");
    gittd::db::TdDatabase database = gittd::db::TdDatabase::open(dir.path() / ".todos/issues.db");
    BaseStore base = BaseStore::open(dir.path() / "base.sqlite");
    const gittd::tree::WorkingTree tree(dir.path());
    gittd::Diagnostics diagnostics;
    ImportOptions options;
    options.part_size = 2;

    SECTION("a dry run plans every part and writes nothing") {
        options.dry_run = true;
        const ImportReport report = import_tree(database, tree, base, nullptr, options, diagnostics);
        CHECK(report.count(ImportAction::insert) == records);
        CHECK(report.count(ImportAction::postponed) == 1);
        CHECK(count_rows(database, "issues") == 0);
        CHECK(count_rows(database, "comments") == 0);
        CHECK(base.count() == 0);
    }
    SECTION("an import writes every part, and the base agrees with all of it") {
        const ImportReport report = import_tree(database, tree, base, nullptr, options, diagnostics);
        CHECK(report.count(ImportAction::insert) == records);
        CHECK(report.count(ImportAction::postponed) == 1);
        CHECK(count_rows(database, "issues") == records / 2);
        CHECK(count_rows(database, "comments") == records / 2);
        CHECK(count_rows(database, "action_log") == records);
        CHECK(base.count() == records);  // the postponed comment waits, outside the base
        // Nothing changed since: the next import reads no file and writes nothing.
        const ImportReport again = import_tree(database, tree, base, nullptr, options, diagnostics);
        CHECK(again.count(ImportAction::insert) == 0);
        CHECK(again.count(ImportAction::postponed) == 1);
        CHECK(count_rows(database, "action_log") == records);
    }
    SECTION("a file that does not read in a late part rolls every part back") {
        gittd::write_file_atomic(dir.path() / ".todos/export/comments/cm-0000000a.yaml", "id: cm-0000000a\ntext: [\n");
        CHECK_THROWS_WITH(import_tree(database, tree, base, nullptr, options, diagnostics),
                          Catch::Contains("comments/cm-0000000a.yaml"));
        CHECK(count_rows(database, "issues") == 0);
        CHECK(count_rows(database, "action_log") == 0);
        CHECK(base.count() == 0);
    }
}

TEST_CASE("a re-key is followed even when the collision's two files fall in different parts") {
    TempDir dir;
    const fs::path export_dir = dir.path() / ".todos/export";
    fs::create_directories(export_dir);
    gittd::write_file_atomic(export_dir / "git-td.yaml", gittd::tree::tree_config_text({}));
    Document ours = gittd::testing::sample_issue();
    ours["id"] = "td-000001";
    write_record(export_dir, "issues", ours);
    gittd::td::create_database(dir.path() / ".todos/issues.db");
    gittd::db::TdDatabase database = gittd::db::TdDatabase::open(dir.path() / ".todos/issues.db");
    BaseStore base = BaseStore::open(dir.path() / "base.sqlite");
    const SortedTree tree(dir.path());
    gittd::Diagnostics diagnostics;
    ImportOptions options;
    options.part_size = 1;
    import_tree(database, tree, base, nullptr, options, diagnostics);
    // This clone's comment on its issue, in td only.
    database.connection().exec(
        "INSERT INTO comments (id, issue_id, session_id, text, created_at) "
        "VALUES ('cm-00000001', 'td-000001', 'ses_1', 'mine', '2026-03-28 09:02:11')");

    // A sync's merge: the other clone's issue took the id, ours moved to td-00000f.
    Document theirs = gittd::testing::sample_issue();
    theirs["id"] = "td-000001";
    theirs["title"] = "Their issue";
    theirs["created_at"] = "2026-04-01T00:00:00Z";
    theirs["creator_session"] = "ses_theirs";
    write_record(export_dir, "issues", theirs);
    Document moved = ours;
    moved["id"] = "td-00000f";
    moved["conflicts"] = Document::array({{{"field", "id"},
                                           {"rule", "id-collision"},
                                           {"chosen", "td-00000f"},
                                           {"values", Document::array({"td-000001", "td-00000f"})}}});
    write_record(export_dir, "issues", moved);
    // Sorted, td-000001 comes first: in a part before the re-key's.
    import_tree(database, tree, base, nullptr, options, diagnostics);

    gittd::db::Statement rows = database.connection().prepare("SELECT id, title FROM issues ORDER BY id");
    std::vector<std::string> issues_now;
    while (rows.step()) issues_now.push_back(rows.column_text(0) + " " + rows.column_text(1));
    CHECK(issues_now == std::vector<std::string>{"td-000001 Their issue", "td-00000f Fix login redirect"});
    gittd::db::Statement comment = database.connection().prepare("SELECT issue_id FROM comments");
    REQUIRE(comment.step());
    CHECK(comment.column_text(0) == "td-00000f");  // went with this clone's issue
}
