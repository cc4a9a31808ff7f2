#pragma once
// The JSON Schema (draft 2020-12) of one exported kind, generated from the
// model so the spec in schema/ cannot drift from what the exporter writes
// (a test compares the committed files with this output).
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::format {

Document json_schema_for(const model::Kind& kind);

}  // namespace gittd::format
