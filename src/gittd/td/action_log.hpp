#pragma once
// action_log rows as td writes them for the same change (docs/research/td-writes.md
// §1): al-<8 hex> ids, td's entity_type and action_type strings per kind, and
// previous_data/new_data payloads shaped like td's (struct order with
// omitempty for issues, boards, reviews and notes; sorted keys for the rest;
// Go's JSON escapes), so td's undo, history, monitors and sync stay coherent.
#include <string>

#include "gittd/db/sqlite.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::td {

enum class Change { insert, update, remove };

struct ActionLogRow {
    std::string id, session_id, action_type, entity_type, entity_id, previous_data, new_data, timestamp;
};

// `before`/`after` are canonical records (null when absent). `now_utc` is the
// UTC RFC 3339 time of the import, used when the record carries no clock.
ActionLogRow action_log_row(const model::Kind& kind, Change change, const format::Document* before,
                            const format::Document* after, const std::string& session_id, const std::string& now_utc);

// Inserts action_log rows through one prepared statement: a full import logs
// 240k changes, and preparing each insert was a tenth of its time.
class ActionLogWriter {
  public:
    explicit ActionLogWriter(db::Connection& connection);
    // Inserts `row`, under another fresh id when row.id is taken.
    void insert(const ActionLogRow& row);

  private:
    db::Statement insert_;
    db::Connection& connection_;
};

// td's payload for one record (exposed for tests).
std::string td_payload(const model::Kind& kind, const format::Document& record);

// Now as UTC RFC 3339 with the clock's fractional seconds, as td stamps
// action_log rows and sync_conflicts.
std::string utc_now_rfc3339();

// "al-" + 8 random hex digits, as td generates action ids.
std::string new_action_id();

}  // namespace gittd::td
