#pragma once
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::format {

// The record's fields in canonical order (DESIGN §2.1): the kind's known
// fields in td's column order, unknown fields sorted by name, then
// `conflicts` when it is non-empty. Fields absent from `record` stay absent.
Document canonical_order(const model::Kind& kind, const Document& record);

}  // namespace gittd::format
