#pragma once
// td's sync_conflicts table: where `td sync conflicts` finds the values a
// merge set aside. Import copies each new `conflicts` entry of a record there
// (DESIGN §4): entity_type = td's table, server_seq 0, local_data the dropped
// value(s) with the entry's id and rule, remote_data the chosen value.
#include <string>

#include "gittd/db/sqlite.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::td {

// Adds `entry` (a conflicts entry of record `id`) once: linked worktrees
// share one database but each has its own base, so each would find the entry
// new. Returns whether a row was added.
bool insert_sync_conflict(db::Connection& connection, const model::Kind& kind, const std::string& id,
                          const format::Document& entry, const std::string& now_utc);

}  // namespace gittd::td
