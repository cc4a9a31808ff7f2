#pragma once
// Line-based three-way text merge with libgit2's git_merge_file (the same
// xdiff merge git uses), and git's object hash for stable ids.
#include <optional>
#include <string>
#include <string_view>

namespace gittd::git {

// The merged text, or nullopt when the two sides touch the same lines.
std::optional<std::string> merge_text_lines(std::string_view base, std::string_view ours,
                                            std::string_view theirs);

// Hex SHA-1 of `data` as a git blob (git_odb_hash): stable, and what git users expect.
std::string blob_hash_hex(std::string_view data);

}  // namespace gittd::git
