// Export creates new files in place under a journal (decision 115): which
// files go in place, and what a failure at each step leaves for recovery.
#include <catch2/catch.hpp>
#include <string>

#include "../temp_dir.hpp"
#include "gittd/db/td_database.hpp"
#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/exporter.hpp"
#include "gittd/td/database_create.hpp"
#include "gittd/tree/new_files_journal.hpp"
#include "gittd/tree/working_tree_target.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace fs = std::filesystem;
using namespace gittd::exchange;
using gittd::tree::FileStamp;

namespace {

// The worktree's target, counting how each file is written; it can fail
// right after the tree's commit, or never say that the base store recorded
// the new files (a kill after the base store's commit).
class CountingTarget final : public gittd::tree::ExportTarget {
  public:
    explicit CountingTarget(gittd::tree::WorkingTreeTarget& inner) : inner_(inner) {}
    size_t created = 0, staged = 0;
    bool fail_after_commit = false, forget_recorded = false;

    const gittd::tree::RecordSource& source() const override { return inner_.source(); }
    std::string where() const override { return inner_.where(); }
    std::unordered_set<std::string> record_files(const gittd::model::Kind& kind) const override {
        return inner_.record_files(kind);
    }
    std::optional<FileStamp> stamp(const gittd::model::Kind& kind, std::string_view name) const override {
        return inner_.stamp(kind, name);
    }
    FileStamp stage(const gittd::model::Kind& kind, std::string_view name, std::string_view bytes) override {
        ++staged;
        return inner_.stage(kind, name, bytes);
    }
    void create(const gittd::model::Kind& kind, std::string_view name, std::string bytes, Written then) override {
        ++created;
        inner_.create(kind, name, std::move(bytes), std::move(then));
    }
    void remove(const gittd::model::Kind& kind, std::string_view name) override { inner_.remove(kind, name); }
    void write_config(const gittd::tree::TreeConfig& config) override { inner_.write_config(config); }
    void commit() override {
        inner_.commit();
        if (fail_after_commit) throw gittd::Error(gittd::ErrorCode::io, "the disk filled up");
    }
    std::optional<std::string> new_files_generation() const override { return inner_.new_files_generation(); }
    void new_files_recorded() override {
        if (!forget_recorded) inner_.new_files_recorded();
    }

  private:
    gittd::tree::WorkingTreeTarget& inner_;
};

struct Fixture {
    TempDir dir;
    fs::path top = dir.path() / "work";
    fs::path issues_dir = top / ".todos/export/issues";
    fs::path journal = dir.path() / "new-files.journal";
    gittd::db::TdDatabase database;
    BaseStore base = BaseStore::open(dir.path() / "base.sqlite");
    gittd::tree::WorkingTree tree{top};
    gittd::Diagnostics diagnostics;

    static gittd::db::TdDatabase make_database(const fs::path& path) {
        gittd::td::create_database(path);
        gittd::db::TdDatabase database = gittd::db::TdDatabase::open(path);
        database.connection().exec(
            "INSERT INTO issues (id, title, status, type, priority, created_at, updated_at) VALUES "
            "('td-000001', 'One', 'open', 'task', 'P2', '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00'),"
            "('td-000002', 'Two', 'open', 'task', 'P2', '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00'),"
            "('td-000003', 'Three', 'open', 'task', 'P2', '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00')");
        return database;
    }
    Fixture() : database(make_database(dir.path() / "work/.todos/issues.db")) {}

    gittd::tree::WorkingTreeTarget target() {
        return gittd::tree::WorkingTreeTarget(tree, gittd::tree::NewFilesJournal(journal, "base.sqlite"));
    }
    size_t recover() {
        return gittd::tree::recover_new_files(journal, tree, [&](const std::string& store) {
            CHECK(store == "base.sqlite");
            return base.meta(gittd::tree::new_files_generation_key);
        });
    }
    size_t files() const {
        size_t count = 0;
        if (fs::exists(issues_dir)) {
            for ([[maybe_unused]] const auto& entry : fs::directory_iterator(issues_dir)) ++count;
        }
        return count;
    }
};

}  // namespace

TEST_CASE("an export creates the files nobody had in place, and leaves no journal") {
    Fixture fixture;
    gittd::tree::WorkingTreeTarget inner = fixture.target();
    CountingTarget target(inner);
    const ExportReport report = export_tree(fixture.database, target, fixture.base, {}, fixture.diagnostics);
    CHECK(report.written == 3);
    CHECK(target.created == 3);
    CHECK(target.staged == 0);
    CHECK(fixture.files() == 3);
    CHECK_FALSE(fs::exists(fixture.journal));
    CHECK(fixture.base.count() == 3);
}

TEST_CASE("a kill after the base store committed keeps the files it recorded") {
    Fixture fixture;
    gittd::tree::WorkingTreeTarget inner = fixture.target();
    CountingTarget target(inner);
    target.forget_recorded = true;  // as if killed before the journal went
    export_tree(fixture.database, target, fixture.base, {}, fixture.diagnostics);
    REQUIRE(fs::exists(fixture.journal));
    CHECK(fixture.recover() == 0);
    CHECK(fixture.files() == 3);
    CHECK(fixture.base.count() == 3);
    CHECK_FALSE(fs::exists(fixture.journal));
}

TEST_CASE("a failure after the tree's commit, before the base store's, leaves the new files to recovery") {
    Fixture fixture;
    {
        gittd::tree::WorkingTreeTarget inner = fixture.target();
        CountingTarget target(inner);
        target.fail_after_commit = true;
        CHECK_THROWS_WITH(export_tree(fixture.database, target, fixture.base, {}, fixture.diagnostics),
                          Catch::Contains("the disk filled up"));
    }
    CHECK(fixture.base.count() == 0);
    CHECK(fixture.files() == 3);
    REQUIRE(fs::exists(fixture.journal));
    CHECK(fixture.recover() == 3);
    CHECK(fixture.files() == 0);
}

TEST_CASE("switching the format replaces every file through a temporary, never in place") {
    Fixture fixture;
    {
        gittd::tree::WorkingTreeTarget target = fixture.target();
        export_tree(fixture.database, target, fixture.base, {}, fixture.diagnostics);
    }
    gittd::tree::WorkingTreeTarget inner = fixture.target();
    CountingTarget target(inner);
    ExportOptions options;
    options.switch_format = gittd::format::Format::json;
    const ExportReport report = export_tree(fixture.database, target, fixture.base, options, fixture.diagnostics);
    CHECK(report.written == 3);
    // In place, a kill after the old files went and before the base store
    // recorded the new ones would have left neither (the new ones would be
    // recovery's to remove).
    CHECK(target.created == 0);
    CHECK(target.staged == 3);
    CHECK(fs::exists(fixture.issues_dir / "td-000001.json"));
    CHECK_FALSE(fs::exists(fixture.issues_dir / "td-000001.yaml"));
}

TEST_CASE("a record over one page goes through a temporary") {
    Fixture fixture;
    fixture.database.connection().exec("UPDATE issues SET description = printf('%.5000c', 'x') WHERE id = 'td-000002'");
    gittd::tree::WorkingTreeTarget inner = fixture.target();
    CountingTarget target(inner);
    target.forget_recorded = true;  // keeps the journal to read
    export_tree(fixture.database, target, fixture.base, {}, fixture.diagnostics);
    CHECK(fixture.files() == 3);
    // The journal names what was created in place: not the big record.
    const std::string journal = gittd::read_file_if_exists(fixture.journal).value_or("");
    CHECK_THAT(journal, Catch::Contains("issues/td-000001.yaml"));
    CHECK_THAT(journal, Catch::Contains("issues/td-000003.yaml"));
    CHECK_THAT(journal, !Catch::Contains("td-000002"));
}

TEST_CASE("many new files across kinds: each one's base entry holds its own stamp") {
    Fixture fixture;
    // Enough files that the creating thread runs while rows still convert,
    // and its stamps arrive during the next kind's export.
    fixture.database.connection().exec(
        "WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 700) "
        "INSERT INTO issues (id, title, status, type, priority, created_at, updated_at) "
        "SELECT printf('td-%06d', i), 'Issue ' || i, 'open', 'task', 'P2', '2026-04-01 09:00:00+00:00', "
        "'2026-04-01 09:00:00+00:00' FROM n;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700) "
        "INSERT INTO comments (id, issue_id, session_id, text, created_at) "
        "SELECT printf('cm-%08x', i), printf('td-%06d', i), 'ses_aaaaaa', 'Comment ' || i, "
        "'2026-04-01 09:00:00+00:00' FROM n");
    gittd::tree::WorkingTreeTarget inner = fixture.target();
    CountingTarget target(inner);
    const ExportReport report = export_tree(fixture.database, target, fixture.base, {}, fixture.diagnostics);
    CHECK(report.written == 1400);
    CHECK(target.created == 1400);
    CHECK(fixture.base.count() == 1400);
    size_t checked = 0;
    for (const char* folder : {"issues", "comments"}) {
        for (const auto& [id, summary] : fixture.base.load_summaries(folder)) {
            const auto stamp = gittd::tree::stamp_of(fixture.top / ".todos/export" / folder / (id + ".yaml"));
            REQUIRE(stamp);
            CHECK(summary.file == *stamp);
            ++checked;
        }
    }
    CHECK(checked == 1400);
    CHECK_FALSE(fs::exists(fixture.journal));
}
