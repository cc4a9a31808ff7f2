#pragma once
// What changed in td's task state between two commits, record by record and
// field by field: what `git td diff A..B` and `A...B` show and what a
// pull-request summary counts. Read from git's trees (no checkout): the
// paths `git diff` names under the export folder, each record file parsed
// (a record renamed by a format switch is one record), its fields compared.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/format/codec.hpp"
#include "gittd/format/document.hpp"
#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::exchange {

// One field whose value differs; a field one side lacks is null there.
struct FieldChange {
    std::string field;
    format::Document before, after;
};

struct RecordDiff {
    enum class Change { added, removed, modified };
    std::string folder, id;
    Change change = Change::modified;
    std::optional<format::Document> before, after;  // the records (absent on the side that lacks it)
    std::vector<FieldChange> fields;                // changed fields, `conflicts` excluded
    size_t new_conflicts = 0;                       // `conflicts` entries `after` has and `before` lacks
};

// "added", "removed" or "modified": how output names a change.
std::string_view change_name(RecordDiff::Change change);

// Counts for a one-line summary ("3 closed · 1 reopened · 12 logs · 2 set aside").
struct DiffCounts {
    size_t issues_created = 0, issues_closed = 0, issues_reopened = 0, issues_deleted = 0, issues_changed = 0;
    size_t logs = 0, comments = 0, handoffs = 0;  // added
    size_t other_records = 0;                     // records of other kinds added, removed or changed
    size_t set_aside = 0;                         // conflict entries recorded
};

struct TaskDiff {
    std::vector<RecordDiff> records;  // sorted by kind folder, then id
    DiffCounts counts() const;
};

// The revisions a range names, as git does: "A..B" (A to B), "A...B" (the
// merge base of A and B to B: what B would bring to A), "A" (A to HEAD).
struct RevisionRange {
    std::optional<git::ObjectId> from;  // nullopt: nothing before (the empty tree)
    git::ObjectId to;
};
RevisionRange resolve_range(const git::Repository& repository, const std::string& range);

// One record's change between two versions (either may be absent); an
// unchanged record gives an empty field list.
RecordDiff diff_record(std::string folder, std::string id, std::optional<format::Document> before,
                       std::optional<format::Document> after);

// The record a tree entry of `commit` holds at `path`, parsed in `format`.
// The tree is untrusted: a blob over the record limit is refused unread.
format::Document read_tree_record(const git::Repository& repository, const git::ObjectId& commit,
                                  const std::string& path, const git::ObjectId& blob, format::Format format);

// The task changes between the export folders (`export_path`) of two commits.
TaskDiff diff_revisions(const git::Repository& repository, const std::string& export_path, const RevisionRange& range);

}  // namespace gittd::exchange
