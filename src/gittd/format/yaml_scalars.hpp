#pragma once
// How a plain (unquoted) YAML scalar resolves: the YAML 1.2 core schema, as
// both YAML readers apply it, so they cannot disagree on a type.
#include <string>

#include "gittd/format/document.hpp"

namespace gittd::format {

// null, a boolean, an integer that fits in 64 bits, a finite float, or the
// text itself (for everything else, .inf, .nan and 1e400 included).
Document resolve_plain_scalar(std::string text);

}  // namespace gittd::format
