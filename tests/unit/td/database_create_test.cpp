#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <tuple>
#include <vector>

#include "../temp_dir.hpp"
#include "gittd/db/sqlite.hpp"
#include "gittd/td/database_create.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/process.hpp"

namespace fs = std::filesystem;

namespace {

using MasterRow = std::tuple<std::string, std::string, std::string, std::string>;

// Runs of whitespace as one space, none at either end.
std::string normalise_space(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::vector<std::string> strings(gittd::db::Connection& db, const std::string& sql) {
    auto select = db.prepare(sql);
    std::vector<std::string> rows;
    while (select.step()) {
        std::string row;
        for (int i = 0; i < select.column_count(); ++i) {
            if (i) row += "|";
            const gittd::db::Value value = select.column(i);
            if (std::holds_alternative<std::monostate>(value)) {
                row += "NULL";
            } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
                row += std::to_string(*n);
            } else {
                row += select.column_text(i);
            }
        }
        rows.push_back(row);
    }
    return rows;
}

std::vector<MasterRow> master(gittd::db::Connection& db) {
    auto select = db.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
    std::vector<MasterRow> rows;
    while (select.step()) {
        rows.emplace_back(select.column_text(0), select.column_text(1), select.column_text(2),
                          normalise_space(select.column_text(3)));
    }
    return rows;
}

// What a database says about itself that is stored in the file (journal_mode
// as a new connection sees it: td's TRUNCATE is per connection).
std::vector<std::string> file_settings(gittd::db::Connection& db) {
    std::vector<std::string> settings;
    for (const char* pragma :
         {"journal_mode", "page_size", "auto_vacuum", "encoding", "user_version", "application_id", "foreign_keys"}) {
        settings.push_back(std::string(pragma) + "=" + strings(db, std::string("PRAGMA ") + pragma).at(0));
    }
    return settings;
}

// Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL.
std::string journal_format(const fs::path& database) {
    const auto bytes = gittd::read_file_if_exists(database);
    REQUIRE(bytes);
    REQUIRE(bytes->size() >= 100);
    return std::to_string(static_cast<int>((*bytes)[18])) + "," + std::to_string(static_cast<int>((*bytes)[19]));
}

std::vector<std::string> row_counts(gittd::db::Connection& db) {
    std::vector<std::string> counts;
    for (const std::string& table :
         strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sessions' ORDER BY name")) {
        counts.push_back(table + ":" + strings(db, "SELECT count(*) FROM " + gittd::db::quote_identifier(table)).at(0));
    }
    return counts;
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

int run_shell(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace

TEST_CASE("create_database makes td's schema-38 database with its seed rows, and nothing else") {
    const TempDir dir;
    const fs::path database = dir.path() / ".todos" / "issues.db";
    gittd::td::create_database(database);

    auto db = gittd::db::Connection::open_existing(database);
    CHECK(strings(db, "SELECT key, value FROM schema_info") == std::vector<std::string>{"version|38"});
    const auto boards = strings(db, "SELECT id, name, query, is_builtin, view_mode, last_viewed_at FROM boards");
    CHECK(boards == std::vector<std::string>{"bd-all-issues|All Issues||1|swimlanes|NULL"});
    const auto stamps = strings(db, "SELECT created_at, updated_at FROM boards");
    REQUIRE(stamps.size() == 1);
    CHECK(std::regex_match(stamps[0], std::regex(R"((\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\|\1)")));
    CHECK(strings(db, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    CHECK(journal_format(database) == "1,1");
    // The temporary is gone; the lock file td's writers take is there.
    CHECK(files_in(database.parent_path()) == std::vector<std::string>{"db.lock", "issues.db"});
}

TEST_CASE("create_database refuses an existing database and leaves it alone") {
    const TempDir dir;
    const fs::path database = dir.path() / ".todos" / "issues.db";
    fs::create_directories(database.parent_path());
    gittd::write_file_atomic(database, "not mine to replace");
    try {
        gittd::td::create_database(database);
        FAIL("create_database replaced an existing file");
    } catch (const gittd::Error& error) {
        CHECK(error.code() == gittd::ErrorCode::database);
        CHECK_THAT(error.what(), Catch::Contains("already exists"));
    }
    CHECK(*gittd::read_file_if_exists(database) == "not mine to replace");
    CHECK(files_in(database.parent_path()) == std::vector<std::string>{"issues.db"});
}

TEST_CASE("a database built but not published leaves nothing, and publish refuses one that appeared meanwhile") {
    const TempDir dir;
    const fs::path database = dir.path() / ".todos" / "issues.db";
    {
        const gittd::td::NewDatabase fresh(database);
        CHECK(fs::exists(fresh.temp_path()));
        CHECK_FALSE(fs::exists(database));
    }
    CHECK(files_in(database.parent_path()).empty());

    gittd::td::NewDatabase fresh(database);
    gittd::write_file_atomic(database, "td init won the race");
    CHECK_THROWS_AS(fresh.publish(), gittd::Error);
    CHECK(*gittd::read_file_if_exists(database) == "td init won the race");
}

TEST_CASE("temporaries that a killed run left are removed, those of a running process are not") {
    const TempDir dir;
    const fs::path todos = dir.path() / ".todos";
    fs::create_directories(todos);
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    const std::string dead = "issues.db" + std::string(gittd::temp_file_marker) + std::to_string(child);
    const std::string alive = "issues.db" + std::string(gittd::temp_file_marker) + std::to_string(::getppid());
    for (const std::string& name : {dead, dead + "-journal", alive}) gittd::write_file_atomic(todos / name, "half");

    gittd::td::create_database(todos / "issues.db");
    CHECK(files_in(todos) == std::vector<std::string>{"db.lock", "issues.db", alive});
}

TEST_CASE("create_database's database is the one td init makes (real td v0.62.0)", "[needs-shared]") {
    const fs::path shared = GITTD_SHARED_DIR;
    const fs::path td = shared / "td" / "bin" / "td";
    const fs::path tdread = shared / "td" / "bin" / "tdread";
    if (!fs::exists(td) || !fs::exists(tdread)) {
        WARN("this test needs ../shared, which is absent (no td/bin/td, td/bin/tdread): skipped");
        return;
    }
    const TempDir dir;
    const fs::path home = dir.path() / "home", by_td = dir.path() / "by-td", ours = dir.path() / "ours";
    fs::create_directories(home);
    fs::create_directories(by_td);
    using gittd::shell_quote;
    REQUIRE(run_shell("cd " + shell_quote(by_td.string()) + " && HOME=" + shell_quote(home.string()) +
                      " NO_COLOR=1 TD_SESSION_ID=ses_unit " + shell_quote(td.string()) + " init >/dev/null 2>&1") == 0);
    const fs::path td_database = by_td / ".todos" / "issues.db";
    REQUIRE(fs::exists(td_database));
    const fs::path our_database = ours / ".todos" / "issues.db";
    gittd::td::create_database(our_database);

    auto theirs = gittd::db::Connection::open_existing(td_database);
    auto mine = gittd::db::Connection::open_existing(our_database);
    const auto their_master = master(theirs);
    const auto my_master = master(mine);
    CHECK(their_master.size() == my_master.size());
    for (size_t i = 0; i < std::min(their_master.size(), my_master.size()); ++i) {
        INFO(std::get<0>(their_master[i]) << " " << std::get<1>(their_master[i]));
        CHECK(my_master[i] == their_master[i]);
    }
    CHECK(strings(mine, "SELECT key, value FROM schema_info ORDER BY key") ==
          strings(theirs, "SELECT key, value FROM schema_info ORDER BY key"));
    CHECK(strings(mine, "SELECT id, name, query, is_builtin, view_mode, last_viewed_at FROM boards ORDER BY id") ==
          strings(theirs, "SELECT id, name, query, is_builtin, view_mode, last_viewed_at FROM boards ORDER BY id"));
    // td also writes a sessions row for the running agent: machine-local, td's own.
    CHECK(row_counts(mine) == row_counts(theirs));
    CHECK(file_settings(mine) == file_settings(theirs));
    CHECK(journal_format(our_database) == journal_format(td_database));

    CHECK(run_shell(shell_quote(tdread.string()) + " -o " + shell_quote((dir.path() / "dump.json").string()) + " " +
                    shell_quote(our_database.string()) + " 2>/dev/null") == 0);
}
