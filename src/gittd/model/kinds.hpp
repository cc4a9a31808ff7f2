#pragma once
// The twelve shared td record kinds (DESIGN §2): which table each comes from,
// which folder its files live in, and each column td knows at schema 38, in
// td's column order, with how it is written and what td's migration gives a
// database that lacks it. Plain values, no I/O.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gittd::model {

enum class FieldType {
    text,          // TEXT; NULL is null, distinct from ''
    integer,       // INTEGER
    boolean,       // INTEGER 0/1 written as false/true
    datetime,      // DATETIME text in any td form, written as UTC RFC 3339
    rfc3339_text,  // TEXT holding a timestamp td writes as RFC 3339 (notes)
    date,          // user-chosen YYYY-MM-DD, kept as is
    labels,        // comma-joined TEXT written as a list of strings
    string_list,   // JSON array text (or BLOB) written as a list of strings
};

// The value a column td added later takes in a database that predates it,
// already in its exported form.
enum class Default { null, empty_text, zero, false_, empty_list, text_value };

struct Field {
    std::string_view name;
    FieldType type;
    Default missing = Default::null;
    std::string_view missing_text = {};  // for Default::text_value
};

struct Kind {
    std::string_view name;    // singular, used in messages and the JSON Schema title
    std::string_view table;   // td's table
    std::string_view folder;  // folder under .todos/export/
    std::vector<Field> fields;              // id first, then td's column order
    std::vector<std::string_view> local_only;  // machine-local columns never exported
    // Rows that stay on the machine (td seeds them on every machine).
    std::vector<std::string_view> excluded_ids;

    const Field* field(std::string_view field_name) const;
};

// All shared kinds, parents before children (the order an import inserts them).
std::span<const Kind> all_kinds();

const Kind* kind_by_folder(std::string_view folder);
const Kind* kind_by_table(std::string_view table);

}  // namespace gittd::model
