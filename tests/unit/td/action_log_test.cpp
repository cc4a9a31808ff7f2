#include <catch2/catch.hpp>

#include "../temp_dir.hpp"
#include "gittd/db/sqlite.hpp"
#include "gittd/td/action_log.hpp"

using gittd::td::ActionLogRow;
using gittd::td::ActionLogWriter;

TEST_CASE("an action id already in action_log is drawn again, never failing the import") {
    TempDir dir;
    auto connection = gittd::db::Connection::open_or_create(dir.path() / "issues.db");
    connection.exec(
        "CREATE TABLE action_log (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, action_type TEXT NOT NULL,"
        " entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, previous_data TEXT DEFAULT '',"
        " new_data TEXT DEFAULT '', timestamp DATETIME NOT NULL, undone INTEGER DEFAULT 0);"
        "INSERT INTO action_log (id, session_id, action_type, entity_type, entity_id, timestamp)"
        " VALUES ('al-0000beef', 'ses_td', 'create', 'issue', 'td-000001', '2026-01-01T00:00:00Z')");
    ActionLogWriter writer(connection);
    ActionLogRow row{"al-0000beef", "git-td", "update", "issue", "td-000001", "{}", "{}", "2026-01-02T00:00:00Z"};
    writer.insert(row);  // taken by td's row
    writer.insert(row);  // taken by td's row and by the one just written

    auto rows = connection.prepare("SELECT id, session_id FROM action_log ORDER BY rowid");
    std::vector<std::pair<std::string, std::string>> seen;
    while (rows.step()) seen.emplace_back(rows.column_text(0), rows.column_text(1));
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == std::make_pair(std::string("al-0000beef"), std::string("ses_td")));
    CHECK(seen[1].first != "al-0000beef");
    CHECK(seen[2].first != "al-0000beef");
    CHECK(seen[1].first != seen[2].first);
    CHECK(seen[1].first.rfind("al-", 0) == 0);
    CHECK(seen[1].first.size() == 11);
}
