#pragma once
// A reader for exactly the YAML the writer produces (DESIGN §2.1), several
// times faster than libyaml because it knows the layout: one field per line,
// two-space nesting, literal blocks, double quotes with the writer's escapes.
#include <optional>
#include <string_view>

#include "gittd/format/document.hpp"

namespace gittd::format {

// The record, or nullopt when `bytes` are not exactly what encode_yaml writes
// for it: the caller then reads them with libyaml, which names the file and
// line of any problem. It accepts only input that encode_yaml reproduces
// byte for byte, so whatever it returns is what libyaml reads from the same
// bytes (the writer's round trip, which the unit tests and fuzzing hold).
std::optional<Document> read_canonical_yaml(std::string_view bytes);

}  // namespace gittd::format
