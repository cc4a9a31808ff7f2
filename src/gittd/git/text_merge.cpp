#include "gittd/git/text_merge.hpp"

#include <git2.h>

#include <algorithm>

#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

namespace {

git_merge_file_input input_for(std::string_view text) {
    git_merge_file_input input;
    git_merge_file_input_init(&input, GIT_MERGE_FILE_INPUT_VERSION);
    input.ptr = text.data();
    input.size = text.size();
    return input;
}

// Owns a git_merge_file_result. git_merge_file fails only when out of memory;
// git_error_last() is not consulted, as the in-memory mode has no per-thread
// error state (libgit2.hpp).
struct FileMerge {
    git_merge_file_result result{};

    FileMerge(std::string_view base, std::string_view ours, std::string_view theirs,
              const git_merge_file_options* options) {
        ensure_libgit2_in_memory();
        const git_merge_file_input ancestor = input_for(base), our_side = input_for(ours),
                                   their_side = input_for(theirs);
        if (git_merge_file(&result, &ancestor, &our_side, &their_side, options) != 0) {
            throw Error(ErrorCode::git, "text merge failed (git_merge_file: out of memory or input too large)");
        }
    }
    ~FileMerge() { git_merge_file_result_free(&result); }
    FileMerge(const FileMerge&) = delete;
    FileMerge& operator=(const FileMerge&) = delete;

    // Null for binary input, which git_merge_file leaves unmerged.
    bool has_text() const { return result.ptr != nullptr; }
    std::string text() const { return std::string(result.ptr, result.len); }
};

}  // namespace

std::optional<std::string> merge_text_lines(std::string_view base, std::string_view ours, std::string_view theirs) {
    const FileMerge merge(base, ours, theirs, nullptr);
    if (!merge.result.automergeable || !merge.has_text()) return std::nullopt;
    return merge.text();
}

MarkedMerge merge_with_markers(std::string_view base, std::string_view ours, std::string_view theirs,
                               unsigned marker_size, const MarkerLabels& labels) {
    git_merge_file_options options;
    git_merge_file_options_init(&options, GIT_MERGE_FILE_OPTIONS_VERSION);
    options.ancestor_label = labels.base;
    options.our_label = labels.ours;
    options.their_label = labels.theirs;
    // git_merge_file takes an unsigned short; 0 would mean its default of 7.
    options.marker_size = static_cast<unsigned short>(std::clamp(marker_size, 1u, 65535u));
    const FileMerge merge(base, ours, theirs, &options);
    if (!merge.has_text()) return {std::string(ours), false};
    return {merge.text(), merge.result.automergeable != 0};
}

std::string blob_hash_hex(std::string_view data) {
    ensure_libgit2_in_memory();
    git_oid oid;
    if (git_odb_hash(&oid, data.data(), data.size(), GIT_OBJECT_BLOB) != 0) {
        throw Error(ErrorCode::git, "cannot hash data");
    }
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    return hex;
}

}  // namespace gittd::git
