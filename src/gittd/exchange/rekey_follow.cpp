#include "gittd/exchange/rekey_follow.hpp"

#include <optional>

#include "gittd/merge/id_collision.hpp"
#include "gittd/merge/id_rekey.hpp"
#include "gittd/td/row_reader.hpp"

namespace gittd::exchange {

using format::Document;

namespace {

// The old id of the re-key `record` carries under its own id, if any.
std::optional<std::string> rekeyed_from(const Document& record, const std::string& id) {
    const auto list = record.find("conflicts");
    if (list == record.end() || !list->is_array()) return std::nullopt;
    for (const Document& entry : *list) {
        if (entry.value("field", "") != "id" || entry.value("rule", "") != "id-collision") continue;
        if (entry.value("chosen", Document()) != id) continue;
        for (const Document& value : entry.value("values", Document::array())) {
            if (value.is_string() && value != id) return value.get<std::string>();
        }
    }
    return std::nullopt;
}

// UPDATE table SET column = new WHERE column = old; returns the rows changed.
size_t repoint(db::Connection& connection, const std::string& table, const std::string& column,
               const std::string& old_id, const std::string& new_id) {
    db::Statement update =
        connection.prepare("UPDATE " + db::quote_identifier(table) + " SET " + db::quote_identifier(column) +
                           " = ?1 WHERE " + db::quote_identifier(column) + " = ?2");
    update.bind(1, new_id);
    update.bind(2, old_id);
    update.step();
    return connection.changes();
}

std::vector<std::string> ids_naming(db::Connection& connection, const std::string& table, const std::string& column,
                                    const std::string& id) {
    db::Statement select = connection.prepare("SELECT id FROM " + db::quote_identifier(table) + " WHERE " +
                                              db::quote_identifier(column) + " = ?1");
    select.bind(1, id);
    std::vector<std::string> ids;
    while (select.step()) ids.push_back(select.column_text(0));
    return ids;
}

class RecordMove {
  public:
    RecordMove(db::TdDatabase& database, Diagnostics& diagnostics)
        : database_(database), connection_(database.connection()), diagnostics_(diagnostics) {}

    size_t move(const model::Kind& kind, const std::string& old_id, const std::string& new_id) {
        repoint(connection_, std::string(kind.table), "id", old_id, new_id);
        size_t followed = 0;
        for (const model::Kind& other : model::all_kinds()) {
            for (const model::Reference& reference : other.references) {
                if (reference.target == kind.id) followed += repoint_kind(other, reference.field, old_id, new_id);
            }
        }
        for (const model::LocalReference& local : model::local_references()) {
            const std::string table(local.table), column(local.column);
            if (local.target == kind.id && database_.has_column(table, column)) {
                followed += repoint(connection_, table, column, old_id, new_id);
            }
        }
        return followed;
    }

  private:
    // A link row's id is derived from its key (dep_, ifl_, bip_, wsi_): when
    // the key names the moved record, the id changes with it, as resolve
    // renames the link's file.
    size_t repoint_kind(const model::Kind& kind, std::string_view field, const std::string& old_id,
                        const std::string& new_id) {
        const std::string table(kind.table), column(field);
        if (!database_.has_column(table, column)) return 0;
        const std::vector<std::string> links = kind.derived_id_prefix.empty()
                                                   ? std::vector<std::string>{}
                                                   : ids_naming(connection_, table, column, old_id);
        const size_t moved = repoint(connection_, table, column, old_id, new_id);
        td::RowReader reader(database_, kind);
        for (const std::string& link : links) {
            const std::optional<Document> row = reader.read(link, diagnostics_);
            if (!row) continue;
            const std::optional<std::string> derived = merge::derived_link_id(kind, *row);
            if (derived && *derived != link) repoint(connection_, table, "id", link, *derived);
        }
        return moved;
    }

    db::TdDatabase& database_;
    db::Connection& connection_;
    Diagnostics& diagnostics_;
};

}  // namespace

std::vector<RekeyedRecord> follow_rekeys(db::TdDatabase& database, const KindScan& scan, Diagnostics& diagnostics) {
    std::vector<RekeyedRecord> moved;
    const model::Kind& kind = *scan.kind;
    if (!database.has_table(std::string(kind.table))) return moved;
    td::RowReader reader(database, kind);
    for (const TreeChange& change : scan.changes) {
        if (!change.tree) continue;
        const std::optional<std::string> old_id = rekeyed_from(*change.tree, change.id);
        if (!old_id) continue;
        const std::optional<Document> ours = reader.read(*old_id, diagnostics);
        if (!ours || reader.read(change.id, diagnostics)) continue;
        if (merge::id_collision(kind, *ours, *change.tree)) continue;  // the other clone's record
        if (moved.empty()) database.connection().exec("PRAGMA defer_foreign_keys = ON");
        const size_t followed = RecordMove(database, diagnostics).move(kind, *old_id, change.id);
        moved.push_back({&kind, *old_id, change.id, followed});
        diagnostics.warn(std::string(kind.folder) + "/" + *old_id + ": this clone's record was re-keyed to '" +
                         change.id + "' (an id collision); it moved there in td with the " + std::to_string(followed) +
                         " rows that name it");
    }
    return moved;
}

}  // namespace gittd::exchange
