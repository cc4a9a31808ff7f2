#pragma once
// How a plain (unquoted) YAML scalar resolves: the YAML 1.2 core schema, as
// both YAML readers apply it, so they cannot disagree on a type.
#include <string>

#include "gittd/format/document.hpp"

namespace gittd::format {

// null, a boolean, an integer that fits in 64 bits, a float, or the text itself.
Document resolve_plain_scalar(std::string text);

}  // namespace gittd::format
