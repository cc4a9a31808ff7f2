#pragma once
// Reads the JSON that `td export` (--format json, its default) writes:
//   [{"issue": {...}, "logs": [...], "handoffs": [...], "dependencies": [...], "files": [...]}]
// into canonical records, so `git td import --from-td-export FILE` can merge
// them into td's database like tree records without a base (docs/research/td-writes.md §4).
#include <string_view>
#include <utility>
#include <vector>

#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::td {

using KindRecord = std::pair<const model::Kind*, format::Document>;

// Throws Error naming `source` (and the item) for anything it cannot read.
std::vector<KindRecord> read_td_export(std::string_view bytes, std::string_view source);

}  // namespace gittd::td
