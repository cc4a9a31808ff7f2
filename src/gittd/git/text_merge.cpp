#include "gittd/git/text_merge.hpp"

#include <git2.h>

#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

namespace {
git_merge_file_input input_for(std::string_view text) {
    git_merge_file_input input = GIT_MERGE_FILE_INPUT_INIT;
    input.ptr = text.data();
    input.size = text.size();
    return input;
}
}  // namespace

std::optional<std::string> merge_text_lines(std::string_view base, std::string_view ours,
                                            std::string_view theirs) {
    ensure_libgit2();
    const git_merge_file_input ancestor = input_for(base), our_side = input_for(ours),
                               their_side = input_for(theirs);
    git_merge_file_result result{};
    if (git_merge_file(&result, &ancestor, &our_side, &their_side, nullptr) != 0) {
        const git_error* e = git_error_last();
        throw Error(ErrorCode::git, std::string("text merge failed: ") + (e ? e->message : "libgit2 error"));
    }
    std::optional<std::string> merged;
    if (result.automergeable) merged = std::string(result.ptr, result.len);
    git_merge_file_result_free(&result);
    return merged;
}

std::string blob_hash_hex(std::string_view data) {
    ensure_libgit2();
    git_oid oid;
    if (git_odb_hash(&oid, data.data(), data.size(), GIT_OBJECT_BLOB) != 0) {
        throw Error(ErrorCode::git, "cannot hash data");
    }
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    return hex;
}

}  // namespace gittd::git
