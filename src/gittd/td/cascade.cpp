#include "gittd/td/cascade.hpp"

#include <utility>
#include <vector>

namespace gittd::td {

bool has_legacy_parent_key(db::Connection& connection) {
    db::Statement query =
        connection.prepare("SELECT count(*) FROM pragma_foreign_key_list('issues') WHERE \"from\" = 'parent_id'");
    query.step();
    return std::get<std::int64_t>(query.column(0)) > 0;
}

bool enable_foreign_keys(db::Connection& connection) {
    const bool manual = has_legacy_parent_key(connection);
    connection.exec(manual ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
    return manual;
}

void cascade_children(db::Connection& connection, const std::string& table, const std::string& id) {
    db::Statement children = connection.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
        "WHERE m.type = 'table' AND f.\"table\" = ?1 AND upper(f.on_delete) = 'CASCADE'");
    children.bind(1, table);
    std::vector<std::pair<std::string, std::string>> links;
    while (children.step()) links.emplace_back(children.column_text(0), children.column_text(1));
    for (const auto& [child, column] : links) {
        db::Statement ids = connection.prepare("SELECT id FROM " + db::quote_identifier(child) + " WHERE " +
                                               db::quote_identifier(column) + " = ?1");
        ids.bind(1, id);
        std::vector<std::string> doomed;
        while (ids.step()) doomed.push_back(ids.column_text(0));
        for (const std::string& child_id : doomed) cascade_children(connection, child, child_id);
        db::Statement remove = connection.prepare("DELETE FROM " + db::quote_identifier(child) + " WHERE " +
                                                  db::quote_identifier(column) + " = ?1");
        remove.bind(1, id);
        remove.step();
    }
}

}  // namespace gittd::td
