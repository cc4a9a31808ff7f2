#pragma once
// Line-based three-way text merge with libgit2's git_merge_file (the same
// xdiff merge git uses), and git's object hash for stable ids. In-memory only:
// these never need the full libgit2 initialisation (see libgit2.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace gittd::git {

// The merged text, or nullopt when the two sides touch the same lines.
std::optional<std::string> merge_text_lines(std::string_view base, std::string_view ours, std::string_view theirs);

// What `git merge-file` leaves: the merged text, with standard conflict
// markers of `marker_size` characters (git's %L) labelled with the labels
// where the sides touch the same lines. Binary input (a NUL byte, as git
// judges it) cannot be line-merged: the result is `ours`, unmerged.
struct MarkedMerge {
    std::string text;
    bool clean = false;  // no conflict hunk
};
struct MarkerLabels {
    const char* base = "base";
    const char* ours = "ours";
    const char* theirs = "theirs";
};
MarkedMerge merge_with_markers(std::string_view base, std::string_view ours, std::string_view theirs,
                               unsigned marker_size, const MarkerLabels& labels = {});

// Hex SHA-1 of `data` as a git blob (git_odb_hash): stable, and what git users expect.
std::string blob_hash_hex(std::string_view data);

}  // namespace gittd::git
