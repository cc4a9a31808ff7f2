#pragma once
// The twelve shared td record kinds (DESIGN §2), and every fact git-td keeps
// about each, in one table (kinds.cpp): td's table and the folder its files
// live in, each column td knows at schema 38 in td's column order with how it
// is written, what td's migration gives a database that lacks it and how it
// merges; which fields make a record the record it is; which fields name
// other records; the shape of its ids; and how td names its changes in
// action_log. Looked up by KindId, or by folder or table for names that come
// from outside (a path, a database). Plain values, no I/O.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/model/merge_rules.hpp"

namespace gittd::model {

// Parents before children: the order an import inserts them.
enum class KindId {
    issue,
    board,
    work_session,
    note,
    log,
    handoff,
    comment,
    dependency,
    file,
    board_position,
    work_session_issue,
    review,
};

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
    MergeRule rule = MergeRule::scalar;  // when both sides changed it differently
    // What td can read back (checked on import and on export, tree/record_check):
    // null only where td reads SQL NULL (a nullable column td scans into a
    // nullable Go type; `minor`, `defer_count`, handoff lists as SQL NULL and
    // a few text columns are nullable in SQL yet break td's scan).
    bool null_allowed = false;
    // td's validators (models.IsValidStatus, IsValidType, IsValidPriority,
    // IsValidPoints) accept only these values; empty: any value of the type.
    std::vector<std::string_view> allowed_text = {};
    std::vector<std::int64_t> allowed_integers = {};
};

// A field that holds the id of another record.
struct Reference {
    std::string_view field;  // e.g. logs.issue_id
    KindId target;           // the kind it names
    // td's schema declares it a foreign key (ON DELETE CASCADE): a row whose
    // parent is missing cannot be written, so import waits for the parent.
    bool foreign_key = false;
};

// How td records a change of this kind in action_log (docs/research/td-writes.md §1).
struct TdActions {
    std::string_view entity_type = {}, create = {}, update = {}, remove = {};
    // The payload is a Go struct (fields in struct_order, or the column order
    // when that is empty; omitempty fields left out when empty) rather than a
    // map (keys sorted).
    bool struct_payload = false;
    std::vector<std::string_view> struct_order = {};
    std::vector<std::string_view> omit_when_empty = {};
    // Handoff lists travel as their JSON text inside a string.
    bool lists_as_json_text = false;
    // td stamps the change with the record's new updated_at (issues).
    bool stamped_with_updated_at = false;
};

struct Kind {
    KindId id = KindId::issue;
    std::string_view name = {};                     // singular, used in messages and the JSON Schema title
    std::string_view table = {};                    // td's table
    std::string_view folder = {};                   // folder under .todos/export/
    std::vector<Field> fields = {};                 // id first, then td's column order
    std::vector<std::string_view> local_only = {};  // machine-local columns never exported
    // Rows that stay on the machine (td seeds them on every machine).
    std::vector<std::string_view> excluded_ids = {};
    // What makes a record the record it is: fields fixed when it was born,
    // which no later edit changes. Two files with one id whose birth fields
    // disagree are two records that collided on an id (DESIGN §4): for
    // randomly named kinds, when and by whom it was created (plus the issue a
    // child belongs to); for link kinds, td's key, hashed into the id.
    std::vector<std::string_view> birth = {};
    std::vector<Reference> references = {};
    // Random ids: this prefix and `id_hex_digits` hex digits (td-a1b2c3).
    // Link kinds: derived_id_prefix + the first 16 hex of the sha256 of the
    // `|`-joined birth fields (dep_…), and no random part.
    std::string_view id_prefix = {};
    size_t id_hex_digits = 0;
    std::string_view derived_id_prefix = {};
    TdActions td = {};

    const Field* field(std::string_view field_name) const;
    // How `field_name` merges; unknown fields merge as scalars.
    MergeRule merge_rule(std::string_view field_name) const;
    // The field whose value says which side of a record is newer ("the
    // record clock"), or empty when the kind has none (ties then go to the
    // larger bytes).
    std::string_view clock() const;
    bool is_excluded(std::string_view row_id) const;
};

// All shared kinds, in KindId order (parents before children).
std::span<const Kind> all_kinds();

// A column of td's machine-local tables (never exported) that names a shared
// record. When a record this clone created is re-keyed (an id collision,
// DESIGN §4), these follow it with the shared references.
struct LocalReference {
    std::string_view table, column;
    KindId target;
};
std::span<const LocalReference> local_references();

const Kind& kind(KindId id);
// nullptr for a name that is no kind: callers with names from outside (a
// path in the tree, a table of a database) must refuse or skip it.
const Kind* kind_by_folder(std::string_view folder);
const Kind* kind_by_table(std::string_view table);

}  // namespace gittd::model
