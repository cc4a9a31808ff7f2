#pragma once
// Which fields of a record hold the id of another record (td's foreign keys),
// and how td names the link kinds whose ids it derives from their key.
// Plain data; `git td resolve` uses it to move a re-keyed record's children
// along with it (sync/id_rekey.hpp).
#include <span>
#include <string_view>

#include "gittd/model/kinds.hpp"

namespace gittd::model {

struct Reference {
    std::string_view field;          // e.g. logs.issue_id
    std::string_view target_folder;  // the kind it names, e.g. issues
};

// The reference fields of `kind` (empty for kinds that reference nothing).
std::span<const Reference> references(const Kind& kind);

// For the link kinds whose ids td derives from their key (dep_, ifl_, bip_,
// wsi_: prefix + first 16 hex of sha256 of the `|`-joined key), the prefix;
// empty for kinds with random ids. The key fields are birth_fields(kind).
std::string_view derived_id_prefix(const Kind& kind);

}  // namespace gittd::model
