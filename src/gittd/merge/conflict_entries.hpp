#pragma once
// The `conflicts` list of a record: every disagreement a merge rule resolved,
// with the values it set aside, so nothing is ever lost silently.
//   {id, field, base, values (sorted by canonical bytes), chosen, rule}
// The id hashes (field, base, sorted values), so re-merging the same
// disagreement adds nothing and the list merges as a set by id.
#include <string>
#include <vector>

#include "gittd/format/document.hpp"

namespace gittd::merge {

using format::Document;

Document make_entry(const std::string& field, const Document& base, Document values, const Document& chosen,
                    const std::string& rule);

// Three-way set merge of two conflicts lists by entry id: entries either side
// added are kept, entries either side removed since base (resolved) are gone;
// the result is sorted by id.
Document merge_entry_lists(const Document* base, const Document& ours, const Document& theirs);

// Adds entries to a list, keeping it a set sorted by id.
void add_entries(Document& list, const std::vector<Document>& entries);

}  // namespace gittd::merge
