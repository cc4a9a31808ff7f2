#pragma once
// HTTP(S) credentials from git's own credential machinery, as `git fetch`
// gets them: `git credential fill` (the configured helpers, then a prompt on
// the terminal, as git would), `approve` once the server took them, `reject`
// when it turned them down. git is run as a program, so every helper, the
// credential.<url>.* settings and useHttpPath behave exactly as for git.
#include <filesystem>
#include <optional>
#include <string>

#include "gittd/git/remote_url.hpp"

namespace gittd::git {

struct HelperCredential {
    std::string username;
    std::string password;
    std::string description;  // what fill answered, handed back to approve/reject as git documents
};

class CredentialHelper {
  public:
    // `directory`: where git runs (the repository, for its configuration).
    CredentialHelper(std::filesystem::path directory, const RemoteUrl& url);

    // nullopt when git gave none (no helper has one and no prompt could be
    // shown; git said why on stderr), or git cannot be run.
    std::optional<HelperCredential> fill() const;
    void approve(const HelperCredential& credential) const;
    void reject(const HelperCredential& credential) const;

  private:
    std::filesystem::path directory_;
    std::string request_;  // protocol, host, path, username; empty when the URL cannot be said safely
};

}  // namespace gittd::git
