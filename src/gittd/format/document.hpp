#pragma once
// A record as a generic document: an ordered JSON value, so unknown fields and
// the key order survive every codec and the merge.
#include <nlohmann/json.hpp>

namespace gittd::format {

using Document = nlohmann::ordered_json;

}  // namespace gittd::format
