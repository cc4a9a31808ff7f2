#pragma once
// The canonical shape of a record (DESIGN §2.1): field order and the values
// of fields a record or a database does not have.
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::format {

// The record's fields in canonical order (DESIGN §2.1): the kind's known
// fields in td's column order, unknown fields sorted by name, then
// `conflicts` when it is non-empty. Fields absent from `record` stay absent.
Document canonical_order(const model::Kind& kind, Document record);

// The value td's migration gives a field that an older database lacks, in its
// exported form: export fills absent columns with it, import absent keys.
Document migration_default(const model::Field& field);

}  // namespace gittd::format
