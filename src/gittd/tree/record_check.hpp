#pragma once
// Checks a record before anything is written: the id is safe and matches the
// file name, and every known field holds a value td can read back (DESIGN
// §3.1): a type its column can take, null only where td reads NULL, a 64-bit
// integer, a timestamp td parses, a value td's validators accept. The rules
// are per-field facts of the kind table (model/kinds.cpp); this is the one
// place they are applied, by import, by export (on the record it is about to
// write) and by the merge driver, so no clone publishes what another refuses.
#include <optional>
#include <string>
#include <string_view>

#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::tree {

// A value td would refuse, in one field of a record.
struct FieldProblem {
    std::string field;
    std::string what;  // a sentence naming the field, the value and what td accepts
};

// The first known field of `record` (in the kind's field order) whose value
// td cannot read back, or nullopt. A field absent from `record` is not
// checked (check_record fills it with its migration default first). Unknown
// fields are checked only for integers beyond 64 bits.
std::optional<FieldProblem> find_field_problem(const model::Kind& kind, const format::Document& record);

// Throws Error(invalid_input) "file:line: what" for the first problem
// (`text` is the file's bytes, to find the field's line; may be empty).
void require_readable_by_td(const model::Kind& kind, const format::Document& record, std::string_view file,
                            std::string_view text);

// Returns the record in canonical order with fields an older git-td or a
// hand-written file left out filled with their defaults. Throws Error naming
// the file and the field's line.
format::Document check_record(const model::Kind& kind, format::Document record, std::string_view expected_id,
                              std::string_view file, std::string_view text);

}  // namespace gittd::tree
