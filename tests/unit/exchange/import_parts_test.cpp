// A full import holds one part of a kind at a time (import_pipeline.hpp):
// here parts of two records, so every kind crosses part boundaries, children
// find parents written parts earlier, and a dry run (which writes nothing)
// still finds the parents it planned.
#include <catch2/catch.hpp>
#include <string>

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
}
