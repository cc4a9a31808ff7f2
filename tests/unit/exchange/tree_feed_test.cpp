#include <catch2/catch.hpp>

#include "git/test_repository.hpp"
#include "gittd/exchange/tree_feed.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/git/trees.hpp"

using gittd::exchange::BaseStore;
using gittd::exchange::RecordKey;
using gittd::exchange::Settlement;
using gittd::format::Document;

namespace {

Document issue(const std::string& id, const std::string& title) {
    Document record = Document::object();
    record["id"] = id;
    record["title"] = title;
    return record;
}

// A repository whose export folder a test commits to, and a base store
// beside it (what a clone's git dir holds).
struct Fixture {
    TestRepository repo;
    TempDir store_dir;
    BaseStore base = BaseStore::open(store_dir.path() / "base.sqlite");
    gittd::git::Repository repository = repo.open();

    void write_file(const std::string& id, const Document& record) const {
        repo.write(".todos/export/issues/" + id + ".yaml", gittd::format::encode(record, gittd::format::Format::yaml));
    }
    void agree(const std::string& id, const Document& record) {
        base.begin();
        base.put("issues", id, {BaseStore::record_text(record), {}});
        base.commit();
    }
    // Settles at HEAD and records it; returns the candidates ("*" when git cannot answer).
    std::string settle() {
        Settlement settlement = gittd::exchange::settle_at_head(repository, ".todos/export", base, repo.id("HEAD"));
        base.begin();
        gittd::exchange::record_settlement(base, settlement);
        base.commit();
        if (!settlement.candidates) return "*";
        std::string text;
        for (const auto& [folder, ids] : settlement.candidates->ids) {
            for (const std::string& id : ids) text += (text.empty() ? "" : " ") + folder + "/" + id;
        }
        return text;
    }
    std::vector<RecordKey> unsettled() { return base.unsettled(); }
};

}  // namespace

TEST_CASE("the tree feed names only the records whose agreed version HEAD does not hold") {
    Fixture f;
    f.repo.write(".todos/export/git-td.yaml", "format: yaml\n");
    f.write_file("td-a", issue("td-a", "A"));
    f.write_file("td-b", issue("td-b", "B"));
    f.repo.commit("export");
    f.agree("td-a", issue("td-a", "A"));
    f.agree("td-b", issue("td-b", "B"));
    CHECK(f.unsettled().size() == 2);  // every put unsettles (a trigger)

    // First settle: no settled commit, so every record is compared.
    CHECK(f.settle().empty());
    CHECK(f.unsettled().empty());

    SECTION("a record changed in the store (an export not committed yet) is named until a commit carries it") {
        f.agree("td-a", issue("td-a", "A2"));
        CHECK(f.settle() == "issues/td-a");
        CHECK(f.settle() == "issues/td-a");  // still: HEAD does not hold it
        f.write_file("td-a", issue("td-a", "A2"));
        f.repo.commit("carry the export");
        CHECK(f.settle().empty());
        CHECK(f.unsettled().empty());
    }

    SECTION("a change that arrives with a commit is named, by the diff from the settled commit") {
        f.write_file("td-b", issue("td-b", "B from another clone"));
        f.repo.commit("pulled");
        CHECK(f.settle() == "issues/td-b");
        f.agree("td-b", issue("td-b", "B from another clone"));  // what the import then agrees
        CHECK(f.settle().empty());
    }

    SECTION("going back in history names what differs from the store, and going forward again settles it") {
        const std::string forward = f.repo.git("rev-parse HEAD");
        f.write_file("td-b", issue("td-b", "B2"));
        f.repo.commit("B2");
        f.agree("td-b", issue("td-b", "B2"));
        CHECK(f.settle().empty());
        f.repo.git("checkout -q " + forward);
        CHECK(f.settle() == "issues/td-b");
        f.repo.git("checkout -q main");
        CHECK(f.settle().empty());
    }

    SECTION("removals: a record erased from the store and the commit settles; one still committed is named") {
        f.base.begin();
        f.base.erase("issues", "td-a");
        f.base.commit();
        CHECK(f.settle() == "issues/td-a");
        f.repo.remove(".todos/export/issues/td-a.yaml");
        f.repo.commit("removed");
        CHECK(f.settle().empty());
    }

    SECTION("a new stamp for the same record (a touch, a step back) does not unsettle it") {
        f.base.begin();
        f.base.restamp("issues", "td-a", {1, 2, 3});
        f.base.commit();
        CHECK(f.unsettled().empty());
    }

    SECTION("a format switch names the records it changed; git-td.yaml alone names nothing") {
        // The switch renames every file: td-a as agreed (settled, nothing to
        // import), td-b with another clone's edit on the way (named).
        using gittd::format::Format;
        f.repo.write(".todos/export/git-td.yaml", "format: json\n");
        f.repo.remove(".todos/export/issues/td-a.yaml");
        f.repo.remove(".todos/export/issues/td-b.yaml");
        f.repo.write(".todos/export/issues/td-a.json", gittd::format::encode(issue("td-a", "A"), Format::json));
        f.repo.write(".todos/export/issues/td-b.json", gittd::format::encode(issue("td-b", "B2"), Format::json));
        f.repo.commit("switch");
        CHECK(f.settle() == "issues/td-b");
        f.agree("td-b", issue("td-b", "B2"));  // what the import then agrees
        CHECK(f.settle().empty());
        f.repo.write(".todos/export/git-td.yaml", "format: json\n# a comment\n");
        f.repo.commit("git-td.yaml only");
        CHECK(f.settle().empty());
    }

    SECTION("a commit that brings a folder that is no kind needs the full scan") {
        f.repo.write(".todos/export/stuff/x.yaml", "id: x\n");
        f.repo.commit("unknown folder");
        CHECK(f.settle() == "*");
        CHECK(f.settle().empty());  // settled all the same: the next diff starts there
    }

    SECTION("a hand-formatted committed file stays named (a cheap look at import), never settled wrongly") {
        f.repo.write(".todos/export/issues/td-a.yaml", "id: td-a\ntitle:   A\n");
        f.repo.commit("hand formatted");
        CHECK(f.settle() == "issues/td-a");
    }

    SECTION("settling reads only: nothing is recorded unless the caller records it") {
        f.agree("td-a", issue("td-a", "A3"));
        f.write_file("td-a", issue("td-a", "A3"));
        f.repo.commit("A3");
        const Settlement settlement =
            gittd::exchange::settle_at_head(f.repository, ".todos/export", f.base, f.repo.id("HEAD"));
        CHECK(settlement.changes_store);
        CHECK(f.unsettled().size() == 1);
        CHECK(f.base.meta("settled_at") != f.repo.git("rev-parse HEAD"));
    }
}

TEST_CASE("a record's canonical blob settles it by id; another format's name or an unknown blob does not") {
    using gittd::format::Format;
    Fixture f;
    f.repo.write(".todos/export/git-td.yaml", "format: yaml\n");
    const Document a = issue("td-a", "A");
    const std::string yaml = gittd::format::encode(a, Format::yaml);
    const std::string yaml_blob = gittd::exchange::canonical_blob_key(Format::yaml, gittd::git::blob_id(yaml));
    const auto put = [&](const std::string& record, const std::string& blob) {
        f.base.begin();
        f.base.put("issues", "td-a", {record, {}, 0, blob});
        f.base.commit();
    };

    SECTION("the blob export wrote is the commit's file: agreed without reading the record") {
        f.write_file("td-a", a);
        f.repo.commit("export");
        // A record text that does not parse proves settling never looked at it.
        put("not json", yaml_blob);
        CHECK(f.settle().empty());
        CHECK(f.unsettled().empty());
    }

    SECTION("the same bytes under the other format's name are not the record's file") {
        f.repo.write(".todos/export/issues/td-a.json", yaml);
        f.repo.commit("yaml bytes in a json file");
        put(BaseStore::record_text(a), yaml_blob);
        CHECK(f.settle() == "issues/td-a");
    }

    SECTION("an entry put without a blob (import's) forgets the one before; the record is encoded instead") {
        put(BaseStore::record_text(a), yaml_blob);
        put(BaseStore::record_text(issue("td-a", "A2")), "");
        CHECK(f.base.record_and_blob("issues", "td-a")->canonical_blob.empty());
        f.write_file("td-a", issue("td-a", "A2"));
        f.repo.commit("A2");
        CHECK(f.settle().empty());
    }

    SECTION("a new stamp keeps the blob: the record did not change") {
        put(BaseStore::record_text(a), yaml_blob);
        f.base.begin();
        f.base.restamp("issues", "td-a", {1, 2, 3});
        f.base.refresh_stamp("issues", "td-a", {4, 5, 6});
        f.base.commit();
        CHECK(f.base.record_and_blob("issues", "td-a")->canonical_blob == yaml_blob);
    }
}

TEST_CASE("the tree feed falls back to the full scan with no commit, and compares everything without a settled one") {
    Fixture f;
    CHECK(!gittd::exchange::settle_at_head(f.repository, ".todos/export", f.base, std::nullopt).candidates);

    f.write_file("td-a", issue("td-a", "A"));
    f.write_file("td-c", issue("td-c", "only in the commit"));
    f.repo.commit("export");
    f.agree("td-a", issue("td-a", "A"));
    f.agree("td-b", issue("td-b", "only in the store"));
    CHECK(f.settle() == "issues/td-b issues/td-c");
}

TEST_CASE("a settlement another process wrote after is not recorded: that write's marks stand") {
    Fixture f;
    f.write_file("td-a", issue("td-a", "A"));
    f.repo.commit("export");
    f.agree("td-a", issue("td-a", "A"));
    Settlement settlement = gittd::exchange::settle_at_head(f.repository, ".todos/export", f.base, f.repo.id("HEAD"));
    REQUIRE(settlement.candidates);
    CHECK(settlement.candidates->size() == 0);  // td-a agrees with HEAD

    // Meanwhile an export in another process agrees a new version of td-a.
    BaseStore other = BaseStore::open(f.store_dir.path() / "base.sqlite");
    other.begin();
    other.put("issues", "td-a", {BaseStore::record_text(issue("td-a", "A2")), {}});
    other.commit();

    f.base.begin();
    gittd::exchange::record_settlement(f.base, settlement);
    f.base.commit();
    CHECK(f.unsettled() == std::vector<RecordKey>{{"issues", "td-a"}});
    CHECK(!f.base.meta("settled_at"));
}

// A base store as an older git-td left it: its base table (with
// `blob_column` before the key, if any), meta, and `rest`.
static void write_old_store(const std::filesystem::path& path, const std::string& blob_column,
                            const std::string& rest) {
    gittd::db::Connection old = gittd::db::Connection::open_or_create(path);
    old.exec(
        "CREATE TABLE base (folder TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL,"
        " file_size INTEGER NOT NULL, file_mtime_ns INTEGER NOT NULL, file_inode INTEGER NOT NULL,"
        " row_digest INTEGER NOT NULL DEFAULT 0," +
        blob_column +
        " PRIMARY KEY (folder, id)) WITHOUT ROWID;"
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
        rest);
}

TEST_CASE("a base store an older git-td wrote starts with every record unsettled") {
    TempDir dir;
    const std::filesystem::path path = dir.path() / "base.sqlite";
    write_old_store(path, "",
                    "INSERT INTO base VALUES ('issues', 'td-a', '{}', 1, 2, 3, 0), ('logs', 'lg-1', '{}', 1, 2, 3, 0)");
    BaseStore base = BaseStore::open(path);
    CHECK(base.unsettled() == std::vector<RecordKey>{{"issues", "td-a"}, {"logs", "lg-1"}});
}

TEST_CASE("a base store with the triggers before decision 116 gets the new ones, which unsettle the same") {
    TempDir dir;
    const std::filesystem::path path = dir.path() / "base.sqlite";
    write_old_store(
        path, " canonical_blob BLOB,",
        "CREATE TABLE rows_inserted_by_import (tbl TEXT NOT NULL, row INTEGER NOT NULL,"
        " PRIMARY KEY (tbl, row)) WITHOUT ROWID;"
        "CREATE TABLE unsettled (folder TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (folder, id)) WITHOUT ROWID;"
        "CREATE TRIGGER base_insert_unsettles AFTER INSERT ON base BEGIN"
        "  INSERT INTO unsettled (folder, id) SELECT new.folder, new.id WHERE NOT EXISTS"
        "    (SELECT 1 FROM unsettled WHERE folder = new.folder AND id = new.id); END;"
        "INSERT INTO base VALUES ('issues', 'td-a', '{}', 1, 2, 3, 0, NULL)");
    BaseStore base = BaseStore::open(path);
    {
        gittd::db::Connection look = gittd::db::Connection::open_or_create(path);
        gittd::db::Statement triggers = look.prepare(
            "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE '%unsettles' ORDER BY name)");
        REQUIRE(triggers.step());
        CHECK(triggers.column_text(0) == "base_deleted_unsettles base_inserted_unsettles base_updated_unsettles");
    }
    CHECK(base.unsettled() == std::vector<RecordKey>{{"issues", "td-a"}});
    // An insert, an update of the record and a delete each unsettle, also a
    // record already unsettled (no conflict aborts the write).
    base.begin();
    base.put("issues", "td-b", {BaseStore::record_text(issue("td-b", "B")), {}});
    base.put("issues", "td-a", {BaseStore::record_text(issue("td-a", "A2")), {}});
    base.commit();
    CHECK(base.unsettled() == std::vector<RecordKey>{{"issues", "td-a"}, {"issues", "td-b"}});
    base.begin();
    base.settle_every_record();
    base.put("issues", "td-a", {BaseStore::record_text(issue("td-a", "A3")), {}});
    base.erase("issues", "td-b");
    base.commit();
    CHECK(base.unsettled() == std::vector<RecordKey>{{"issues", "td-a"}, {"issues", "td-b"}});
    base.begin();
    base.settle_every_record();
    // A new stamp alone (the same record) settles nothing away.
    base.put("issues", "td-a", {BaseStore::record_text(issue("td-a", "A3")), {5, 6, 7}});
    base.commit();
    CHECK(base.unsettled().empty());
}
