#include "gittd/util/error.hpp"

namespace gittd {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::usage: return "usage";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::invalid_input: return "invalid_input";
        case ErrorCode::database: return "database_error";
        case ErrorCode::locked: return "database_locked";
        case ErrorCode::git: return "git_error";
        case ErrorCode::io: return "io_error";
        case ErrorCode::guard: return "refused";
        case ErrorCode::untrusted: return "untrusted_tree";
    }
    return "error";
}

int exit_code_for(ErrorCode code) { return code == ErrorCode::usage ? 2 : 1; }

}  // namespace gittd
