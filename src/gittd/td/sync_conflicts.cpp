#include "gittd/td/sync_conflicts.hpp"

namespace gittd::td {

using format::Document;

bool insert_sync_conflict(db::Connection& connection, const model::Kind& kind, const std::string& id,
                          const Document& entry, const std::string& now_utc) {
    const std::string conflict_id = entry.value("id", "");
    db::Statement known = connection.prepare(
        "SELECT 1 FROM sync_conflicts WHERE entity_type = ?1 AND entity_id = ?2 "
        "AND json_valid(local_data) AND json_extract(local_data, '$.conflict_id') = ?3");
    known.bind(1, std::string(kind.table));
    known.bind(2, id);
    known.bind(3, conflict_id);
    if (!conflict_id.empty() && known.step()) return false;
    Document dropped = Document::array();
    for (const Document& v : entry.value("values", Document::array())) {
        if (v != entry.value("chosen", Document())) dropped.push_back(v);
    }
    const std::string field = entry.value("field", std::string());
    db::Statement insert = connection.prepare(
        "INSERT INTO sync_conflicts (entity_type, entity_id, server_seq, local_data, remote_data, overwritten_at) "
        "VALUES (?1, ?2, 0, ?3, ?4, ?5)");
    insert.bind(1, std::string(kind.table));
    insert.bind(2, id);
    insert.bind(3, Document{{field, dropped.size() == 1 ? dropped[0] : dropped},
                            {"conflict_id", entry.value("id", "")},
                            {"rule", entry.value("rule", "")}}
                       .dump());
    insert.bind(4, Document{{field, entry.value("chosen", Document())}}.dump());
    insert.bind(5, now_utc);
    insert.step();
    return true;
}

}  // namespace gittd::td
