#pragma once
// The error policy (docs/errors.md): low layers throw gittd::Error with a td-style
// code and a one-line message that names the file (and line) and says what to do.
// Exactly one catch, in the CLI's main, prints it. A merge with conflicts is a
// result, never an Error.
#include <stdexcept>
#include <string>

namespace gittd {

// Codes mirror td's JSON error codes where td has one.
enum class ErrorCode {
    usage,          // bad command line
    not_found,      // database, repository, file or remote missing
    invalid_input,  // unparsable or ill-typed record, unsafe id, conflict markers
    database,       // SQLite refused something
    locked,         // td's lock could not be taken in time
    git,            // libgit2 refused something
    io,             // the file system refused something
    guard,          // a safety guard refused; --force overrides
    untrusted,      // the tree holds what git-td never follows (a symbolic link); no --force
};

const char* to_string(ErrorCode code);

class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const { return code_; }

  private:
    ErrorCode code_;
};

// Exit codes are an API: 0 ok, 1 failure or unresolved conflict, 2 usage.
int exit_code_for(ErrorCode code);

}  // namespace gittd
