#pragma once
// A modify/delete conflict (one side edited a record file, the other removed
// it; git never calls the merge driver for these), resolved as DESIGN §4 has
// it: the edit wins, and the delete stays visible. Pure; the resolver
// (resolver.hpp) reads and stages the files.
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::merge {

// The record to keep: `edited`, and for kinds with `deleted_at` (issues,
// notes, board positions) soft-deleted — its own deleted_at when set, else
// its updated_at, else its latest timestamp, so the result depends on the
// record alone and every clone resolving the merge writes the same bytes.
// A `modified-while-deleted` entry is added to `conflicts`: on deleted_at, or
// on `id` (values: the id and null, the removal) for kinds td never
// soft-deletes, whose record is kept as edited.
format::Document keep_edit_over_delete(const model::Kind& kind, const format::Document* base, format::Document edited);

}  // namespace gittd::merge
