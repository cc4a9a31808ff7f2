#pragma once
// The pure part of re-keying an add/add id collision (`git td resolve`,
// DESIGN §4): two different records drew one id, so the later-created one gets
// a fresh id of td's shape and the records of its side that named it follow.
// No I/O: the resolver (resolver.hpp) decides from git which records those are.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"

namespace gittd::merge {

enum class Side { ours, theirs };

// The side whose record was created later, which gets the fresh id: the
// kind's creation time compared as an instant (created_at, timestamp,
// started_at, or a link's linked_at/added_at/tagged_at); when either lacks
// it or both are equal, the side with the larger canonical bytes. Symmetric:
// swapping the sides swaps the answer, so a rebase re-keys the same record.
Side later_created(const model::Kind& kind, const format::Document& ours, const format::Document& theirs);

// A fresh id shaped like `id`: the same prefix (up to and including the
// first '-' or '_': `td-`, `lg-`, `ws-`) and as many lowercase hex digits as
// `id` has after it. Derived from `seed` (the record's bytes), so two clones
// resolving the same merge choose the same id; `taken` is asked for each
// candidate, and the next one is tried while it says yes.
std::string fresh_id(std::string_view id, std::string_view seed, const std::function<bool(const std::string&)>& taken);

// td's id of a link record (dep_, ifl_, bip_, wsi_ + the first 16 hex of the
// sha256 of its `|`-joined key), or nullopt for kinds with random ids.
std::optional<std::string> derived_link_id(const model::Kind& kind, const format::Document& record);

// The reference fields (the kind table's references) of `record` that name `id` of
// a record in `target_folder` (a log's issue_id names an issue, its
// work_session_id a work session).
std::vector<std::string> fields_naming(const model::Kind& kind, const format::Document& record,
                                       std::string_view target_folder, std::string_view id);

// The entry a re-keyed record carries in `conflicts`, so the old id stays on
// record next to the new one.
format::Document rekey_entry(const std::string& old_id, const std::string& new_id);

}  // namespace gittd::merge
