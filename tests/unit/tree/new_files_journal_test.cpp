#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <optional>
#include <vector>

#include "gittd/model/kinds.hpp"
#include "gittd/tree/new_files_journal.hpp"
#include "gittd/tree/tree_writer.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using gittd::tree::FileStamp;
using gittd::tree::NewFilesJournal;
using gittd::tree::recover_new_files;
using gittd::tree::TreeWriter;
using gittd::tree::WorkingTree;

namespace {

const gittd::model::Kind& issues() { return *gittd::model::kind_by_folder("issues"); }

void write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string read(const fs::path& path) { return gittd::read_file_if_exists(path).value_or("<none>"); }

// A worktree with an export folder, and the journal beside it.
struct Fixture {
    TempDir dir;
    fs::path top = dir.path() / "work";
    fs::path issues_dir = top / ".todos/export/issues";
    fs::path journal = dir.path() / "new-files.journal";
    Fixture() { fs::create_directories(issues_dir); }
    std::function<std::optional<std::string>(const std::string&)> recorded(const std::optional<std::string>& generation,
                                                                           std::string* asked = nullptr) {
        return [generation, asked](const std::string& store) {
            if (asked) *asked = store;
            return generation;
        };
    }
};

}  // namespace

TEST_CASE("a dead export's new files go: empty or whole, and nothing else", "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    NewFilesJournal journal(fixture.journal, "base.sqlite");
    journal.intend("issues", "td-empty.yaml", "id: td-empty\n");
    journal.intend("issues", "td-cut.yaml", "id: td-cut\ntitle: long enough\n");
    journal.intend("issues", "td-whole.yaml", "id: td-whole\n");
    journal.intend("issues", "td-edited.yaml", "id: td-edited\n");
    journal.intend("issues", "td-longer.yaml", "id: td-longer\n");
    journal.intend("issues", "td-cancelled.yaml", "id: td-cancelled\n");
    journal.cancel("issues", "td-cancelled.yaml");
    journal.intend("issues", "td-never.yaml", "id: td-never\n");
    journal.intend("issues", "../../outside.yaml", "x");
    REQUIRE(journal.generation());
    write(fixture.issues_dir / "td-empty.yaml", "");                             // created, never written
    write(fixture.issues_dir / "td-cut.yaml", "id: td-cut\nti");                 // shorter: someone else's
    write(fixture.issues_dir / "td-whole.yaml", "id: td-whole\n");               // written, never recorded
    write(fixture.issues_dir / "td-edited.yaml", "id: td-EDITED\n");             // same size, other bytes
    write(fixture.issues_dir / "td-longer.yaml", "id: td-longer\nmore: yes\n");  // not what was meant
    write(fixture.issues_dir / "td-cancelled.yaml", "id: td-cancelled\n");       // existed before: cancelled
    write(fixture.top / ".todos/outside.yaml", "x");                             // not in the tree at all
    write(fixture.issues_dir / "td-other.yaml", "id: td-other\n");               // never named

    std::string asked;
    CHECK(recover_new_files(fixture.journal, tree, fixture.recorded("some older generation", &asked)) == 2);
    CHECK(asked == "base.sqlite");
    CHECK_FALSE(fs::exists(fixture.issues_dir / "td-empty.yaml"));
    CHECK(read(fixture.issues_dir / "td-cut.yaml") == "id: td-cut\nti");
    CHECK_FALSE(fs::exists(fixture.issues_dir / "td-whole.yaml"));
    CHECK(read(fixture.issues_dir / "td-edited.yaml") == "id: td-EDITED\n");
    CHECK(read(fixture.issues_dir / "td-longer.yaml") == "id: td-longer\nmore: yes\n");
    CHECK(read(fixture.issues_dir / "td-cancelled.yaml") == "id: td-cancelled\n");
    CHECK(read(fixture.top / ".todos/outside.yaml") == "x");
    CHECK(read(fixture.issues_dir / "td-other.yaml") == "id: td-other\n");
    CHECK_FALSE(fs::exists(fixture.journal));
    // Once recovered, there is nothing left to recover.
    CHECK(recover_new_files(fixture.journal, tree, fixture.recorded(std::nullopt)) == 0);
}

TEST_CASE("files the base store recorded stay, and their journal goes", "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    NewFilesJournal journal(fixture.journal, "base-0123.sqlite");
    journal.intend("issues", "td-a.yaml", "id: td-a\n");
    write(fixture.issues_dir / "td-a.yaml", "id: td-a\n");
    std::string asked;
    CHECK(recover_new_files(fixture.journal, tree, fixture.recorded(*journal.generation(), &asked)) == 0);
    CHECK(asked == "base-0123.sqlite");
    CHECK(read(fixture.issues_dir / "td-a.yaml") == "id: td-a\n");
    CHECK_FALSE(fs::exists(fixture.journal));
}

TEST_CASE("recovery never follows a link where a journaled file was", "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    NewFilesJournal journal(fixture.journal, "base.sqlite");
    journal.intend("issues", "td-a.yaml", "id: td-a\n");
    write(fixture.dir.path() / "target.yaml", "id: td-a\n");
    fs::create_symlink(fixture.dir.path() / "target.yaml", fixture.issues_dir / "td-a.yaml");
    CHECK(recover_new_files(fixture.journal, tree, fixture.recorded(std::nullopt)) == 0);
    CHECK(fs::is_symlink(fixture.issues_dir / "td-a.yaml"));
    CHECK(read(fixture.dir.path() / "target.yaml") == "id: td-a\n");
}

TEST_CASE("a tree writer creates new files in place and undoes them unless committed", "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    write(fixture.issues_dir / "td-old.yaml", "id: td-old\n");
    NewFilesJournal journal(fixture.journal, "base.sqlite");
    {
        TreeWriter writer(tree, &journal);
        std::optional<FileStamp> created, staged;
        writer.create(issues(), "td-new.yaml", "id: td-new\n", [&](const FileStamp& stamp) { created = stamp; });
        // A file that exists (the listing was stale) is replaced on commit, not now.
        writer.create(issues(), "td-old.yaml", "id: td-old\nnew: yes\n",
                      [&](const FileStamp& stamp) { staged = stamp; });
        writer.settle();
        // In place once settled: no rename waits for commit().
        CHECK(read(fixture.issues_dir / "td-new.yaml") == "id: td-new\n");
        REQUIRE(created);
        CHECK(*created == *gittd::tree::stamp_of(fixture.issues_dir / "td-new.yaml"));
        CHECK(staged);
        CHECK(read(fixture.issues_dir / "td-old.yaml") == "id: td-old\n");
        CHECK(fs::exists(fixture.journal));
    }
    CHECK_FALSE(fs::exists(fixture.issues_dir / "td-new.yaml"));
    CHECK(read(fixture.issues_dir / "td-old.yaml") == "id: td-old\n");
    CHECK_FALSE(fs::exists(fixture.journal));

    NewFilesJournal second(fixture.journal, "base.sqlite");
    {
        TreeWriter writer(tree, &second);
        std::vector<std::string> order;
        writer.create(issues(), "td-new.yaml", "id: td-new\n", [&](const FileStamp&) { order.emplace_back("new"); });
        writer.create(issues(), "td-old.yaml", "id: td-old\nnew: yes\n",
                      [&](const FileStamp&) { order.emplace_back("old"); });
        writer.commit();
        // Every stamp handed over by commit(), in the order of the calls.
        CHECK(order == std::vector<std::string>{"new", "old"});
    }
    CHECK(read(fixture.issues_dir / "td-new.yaml") == "id: td-new\n");
    CHECK(read(fixture.issues_dir / "td-old.yaml") == "id: td-old\nnew: yes\n");
    // Until the base store has recorded the files, the journal stays; the
    // stale-listing file was cancelled, so recovery would keep it.
    REQUIRE(fs::exists(fixture.journal));
    CHECK(recover_new_files(fixture.journal, tree, fixture.recorded(std::nullopt)) == 1);
    CHECK_FALSE(fs::exists(fixture.issues_dir / "td-new.yaml"));
    CHECK(read(fixture.issues_dir / "td-old.yaml") == "id: td-old\nnew: yes\n");
}

TEST_CASE("a tree writer abandoned with creates in flight leaves none of them", "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    NewFilesJournal journal(fixture.journal, "base.sqlite");
    {
        TreeWriter writer(tree, &journal);
        for (int i = 0; i < 3000; ++i) {
            const std::string id = "td-" + std::to_string(i);
            writer.create(issues(), id + ".yaml", "id: " + id + "\n", [](const FileStamp&) {});
        }
    }
    // Some were created, some never started: none is left, nor the journal.
    CHECK(fs::is_empty(fixture.issues_dir));
    CHECK_FALSE(fs::exists(fixture.journal));
}

TEST_CASE("a tree writer never creates a file through a link", "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    write(fixture.dir.path() / "target.yaml", "outside\n");
    fs::create_symlink(fixture.dir.path() / "target.yaml", fixture.issues_dir / "td-a.yaml");
    NewFilesJournal journal(fixture.journal, "base.sqlite");
    TreeWriter writer(tree, &journal);
    bool stamped = false;
    writer.create(issues(), "td-a.yaml", "id: td-a\n", [&](const FileStamp&) { stamped = true; });
    // O_EXCL meets the link (EEXIST); staging the file instead refuses it.
    CHECK_THROWS_AS(writer.commit(), gittd::Error);
    CHECK_FALSE(stamped);
    CHECK(read(fixture.dir.path() / "target.yaml") == "outside\n");
}

TEST_CASE("a tree writer's creating thread fails: the error names the file and the batch undoes itself",
          "[new_files_journal]") {
    Fixture fixture;
    const WorkingTree tree(fixture.top);
    std::string expected;
    SECTION("a file that cannot be created") {
        NewFilesJournal journal(fixture.journal, "base.sqlite");
        {
            TreeWriter writer(tree, &journal);
            for (int i = 0; i < 50; ++i) {
                const std::string id = "td-" + std::to_string(i);
                writer.create(issues(), id + ".yaml", "id: " + id + "\n", [](const FileStamp&) {});
            }
            const std::string too_long(300, 'x');  // ENAMETOOLONG, even for root
            writer.create(issues(), too_long + ".yaml", "id: x\n", [](const FileStamp&) {});
            try {
                writer.commit();
                FAIL("the commit succeeded");
            } catch (const gittd::Error& error) {
                CHECK_THAT(error.what(), Catch::Contains("issues/" + too_long + ".yaml: cannot create"));
            }
        }
    }
    SECTION("a journal that cannot be written") {
        fs::create_directories(fixture.journal);  // EISDIR, even for root
        NewFilesJournal journal(fixture.journal, "base.sqlite");
        {
            TreeWriter writer(tree, &journal);
            writer.create(issues(), "td-a.yaml", "id: td-a\n", [](const FileStamp&) {});
            CHECK_THROWS_AS(writer.commit(), gittd::Error);
        }
        fs::remove(fixture.journal);
    }
    CHECK(fs::is_empty(fixture.issues_dir));
    CHECK_FALSE(fs::exists(fixture.journal));
}
