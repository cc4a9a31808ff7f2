#pragma once
// One connection's authentication, behind libgit2's credential and
// certificate callbacks (docs/decisions.md 87, 88):
// - ssh: the server's host key must be recorded for its name in
//   known_hosts (known_hosts.hpp), else the connection is refused naming
//   the host, the key's SHA256 fingerprint and the fix; then the keys of
//   ssh_identities.hpp are offered one by one as the user named in the URL
//   (else "git").
// - HTTP(S): user name and password from git's credential helpers
//   (credential_helper.hpp), stored when the server took them and dropped
//   when it turned them down; TLS certificates are verified by libgit2.
// Each gives up with a clear refusal after a few tries instead of letting
// libgit2 ask again and again.
#include <filesystem>
#include <optional>
#include <string>

#include "gittd/git/credential_helper.hpp"
#include "gittd/git/remote_url.hpp"
#include "gittd/git/ssh_identities.hpp"

struct git_credential;  // libgit2's; used only by the files of src/gittd/git
struct git_cert;

namespace gittd::git {

class Authentication {
  public:
    // `url`: the URL libgit2 connects to in this direction (insteadOf
    // applied); `directory`: where git's credential helpers run.
    Authentication(std::filesystem::path directory, const std::string& url);

    // git_credential_acquire_cb and git_transport_certificate_check_cb.
    int acquire(git_credential** out, const char* username_from_url, unsigned int allowed_types);
    int check_certificate(git_cert* cert, int valid, const char* host);

    // The connection did what it was for: the credential helpers store what
    // they gave (`git credential approve`).
    void succeeded();
    // The server turned the last credentials down without asking again: the
    // helpers drop them (`git credential reject`).
    void failed();

    // Why a callback ended the connection, to report instead of libgit2's
    // own message.
    const std::optional<std::string>& refusal() const { return refusal_; }
    // The host a TLS certificate could not be verified for.
    const std::optional<std::string>& unverified_tls_host() const { return unverified_tls_host_; }

    // Why an ssh handshake may have failed that git-td can name: ssh-rsa
    // first for the host in ~/.ssh/known_hosts (first_recorded_type).
    std::optional<std::string> handshake_hint() const;

    // How many credentials one connection is offered before giving up.
    static constexpr int max_http_tries = 3;

  private:
    int acquire_ssh(git_credential** out, const char* username_from_url, unsigned int allowed_types);
    int acquire_http(git_credential** out, unsigned int allowed_types);
    int check_host_key(git_cert* cert);
    int refuse(std::string reason);

    RemoteUrl url_;
    CredentialHelper helper_;
    std::optional<std::string> refusal_;
    std::optional<std::string> unverified_tls_host_;
    // ssh
    std::optional<SshIdentities> identities_;
    size_t next_identity_ = 0;
    // HTTP(S)
    int http_tries_ = 0;
    std::optional<HelperCredential> offered_;  // the helpers' last answer, not yet approved or rejected
};

}  // namespace gittd::git
