#pragma once
// JSON text exactly as Go's encoding/json writes it for td: compact, with
// Go's HTML-safe escapes (<, >, & as \u003c, \u003e, \u0026) and U+2028/2029
// escaped, other characters raw. Used for handoff lists and action_log payloads.
#include <string>

#include "gittd/format/document.hpp"

namespace gittd::td {

std::string go_json(const format::Document& value);

}  // namespace gittd::td
