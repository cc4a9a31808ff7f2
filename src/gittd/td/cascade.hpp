#pragma once
// Deleting a td row with its children. td writes with foreign keys on, so
// deleting a parent cascades (ON DELETE CASCADE). Databases from before td
// dropped the issues.parent_id foreign key declare a key that every row with
// parent '' violates; there foreign keys must stay off, and the cascade is
// done by hand.
#include <string>

#include "gittd/db/sqlite.hpp"

namespace gittd::td {

// Whether this database declares the legacy issues(parent_id) foreign key.
bool has_legacy_parent_key(db::Connection& connection);

// Turns foreign keys on, or off where the legacy key forbids it; returns
// whether deletes must cascade by hand (cascade_children). Outside a transaction.
bool enable_foreign_keys(db::Connection& connection);

// What ON DELETE CASCADE would do: deletes, depth first, every row of every
// table whose declared cascade key names `table` row `id`. The row itself stays.
void cascade_children(db::Connection& connection, const std::string& table, const std::string& id);

}  // namespace gittd::td
