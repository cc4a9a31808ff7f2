#pragma once
// The values merges set aside and nobody has settled yet: the entries of
// every record's `conflicts` list in a tree (DESIGN §4), what
// `git td conflicts list` and `show` print. Each entry's values were also
// copied into td's sync_conflicts table when it was imported; that table is
// td's history of them and stays as it is when an entry is settled.
#include <optional>
#include <string>
#include <vector>

#include "gittd/format/document.hpp"
#include "gittd/tree/record_source.hpp"

namespace gittd::exchange {

struct OpenConflict {
    std::string folder, id;  // the record
    std::string title;       // the record's title (or message, text, name), for people
    std::string file;        // the record's file, as the source names it
    format::Document entry;  // {id, field, base, values, chosen, rule}
    std::string entry_id() const;
};

// Every entry of every record in `source`, by record then entry id. Files
// without the word "conflicts" are not parsed.
std::vector<OpenConflict> list_open_conflicts(const tree::RecordSource& source);

// The entry with `entry_id`, or nullopt.
std::optional<OpenConflict> find_open_conflict(const tree::RecordSource& source, const std::string& entry_id);

}  // namespace gittd::exchange
