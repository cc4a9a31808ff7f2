#pragma once
// Checks a record read from the tree before anything is written: the id is
// safe and matches the file name, and every known field holds a value of a
// type its column can take. Errors name the file and the field's line.
#include <string>
#include <string_view>

#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::tree {

// Returns the record in canonical order with fields an older git-td or a
// hand-written file left out filled with their defaults. Throws Error.
format::Document check_record(const model::Kind& kind, format::Document record, std::string_view expected_id,
                              std::string_view file, std::string_view text, Diagnostics& diagnostics);

}  // namespace gittd::tree
