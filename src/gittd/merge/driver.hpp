#pragma once
// The git merge driver (`git-td-merge-driver %O %A %B %L %P`, DESIGN §4, §6)
// as a pure function: three file texts, git's marker size and the path in,
// the bytes %A must hold and whether the merge is clean out. No file, no
// database, no git config, no clock: the program around it only does I/O.
#include <string>
#include <string_view>

namespace gittd::merge {

struct DriverInput {
    std::string_view base;     // %O; empty when git has no base (add/add)
    std::string_view ours;     // %A
    std::string_view theirs;   // %B
    unsigned marker_size = 7;  // %L
    std::string_view path;     // %P, the path in the repository
};

struct DriverResult {
    bool clean = false;        // exit 0; otherwise exit 1 and git records a conflict
    std::string bytes;         // what %A must hold
    std::string reason;        // why the merge is not clean, for stderr
    size_t new_conflicts = 0;  // disagreements the rules resolved (clean merges)
};

// A record merges field by field (merge_records): the canonical encoding of
// the result, identical whichever side is ours. It is a conflict, left with
// git's standard markers, when an input does not parse, an id differs from
// another input's or from the file name (git paired a deleted record with an
// added one as a rename), the folder is not a kind, or both sides added
// different records under one id. Files that are not records (git-td.yaml,
// .gitattributes, a README) get git's plain line merge.
DriverResult run_merge_driver(const DriverInput& input);

// Whether git's base text stands for no agreed version: empty (git's
// add/add) or holding conflict markers (the virtual base of a criss-cross
// merge whose own merge of the merge bases conflicted).
bool stands_for_no_base(std::string_view base);

}  // namespace gittd::merge
