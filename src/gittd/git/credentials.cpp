#include "gittd/git/credentials.hpp"

#include <git2.h>

#include <cstdlib>
#include <utility>

#include "gittd/git/known_hosts.hpp"

namespace gittd::git {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string libgit2_message() {
    const git_error* e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

}  // namespace

Authentication::Authentication(std::filesystem::path directory, const std::string& url)
    : url_(parse_remote_url(url)), helper_(std::move(directory), url_) {}

int Authentication::refuse(std::string reason) {
    refusal_ = std::move(reason);
    git_error_set_str(GIT_ERROR_NET, refusal_->c_str());
    return GIT_EUSER;
}

int Authentication::acquire(git_credential** out, const char* username_from_url, unsigned int allowed_types) {
    if (url_.scheme == "ssh") return acquire_ssh(out, username_from_url, allowed_types);
    if (url_.scheme == "http" || url_.scheme == "https") return acquire_http(out, allowed_types);
    return GIT_PASSTHROUGH;
}

int Authentication::acquire_ssh(git_credential** out, const char* username_from_url, unsigned int allowed_types) {
    // The name the URL gives, else "git": what git hosts expect, and one
    // name for every try (libgit2 refuses a change of user mid-connection).
    std::string user = username_from_url && *username_from_url ? username_from_url : url_.user;
    if (user.empty()) user = "git";
    const std::string who = "authentication to " + url_.host_and_port() + " as " + user + " failed: ";
    if ((allowed_types & GIT_CREDENTIAL_USERNAME) != 0 && (allowed_types & GIT_CREDENTIAL_SSH_KEY) == 0) {
        return git_credential_username_new(out, user.c_str());
    }
    if ((allowed_types & GIT_CREDENTIAL_SSH_KEY) == 0) {
        return refuse(who +
                      "the server takes no ssh key (only a password, which git-td does not ask for); use a "
                      "key, or an https:// URL");
    }
    if (!identities_) {
        const char* socket = std::getenv("SSH_AUTH_SOCK");
        identities_ = ssh_identities(home_directory(), socket ? std::optional<std::string>(socket) : std::nullopt);
    }
    const std::vector<SshIdentity>& offered = identities_->offered;
    if (next_identity_ >= offered.size()) {
        const std::string left_out = joined(identities_->left_out);
        if (offered.empty()) {
            return refuse(who + "no ssh key to offer (" +
                          (left_out.empty() ? "no ssh-agent, and none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa"
                                            : "left out: " + left_out) +
                          "): load your key with ssh-add, or make one with ssh-keygen and give the server its .pub");
        }
        std::vector<std::string> labels;
        labels.reserve(offered.size());
        for (const SshIdentity& identity : offered) labels.push_back(identity.label);
        return refuse(who + "the server took none of the keys offered (" + joined(labels) +
                      (left_out.empty() ? "" : "; left out: " + left_out) +
                      "): give the server your public key, or load the key it knows with ssh-add");
    }
    const SshIdentity& identity = offered[next_identity_++];
    const int rc = identity.agent
                       ? git_credential_ssh_key_from_agent(out, user.c_str())
                       : git_credential_ssh_key_new(out, user.c_str(),
                                                    identity.public_key.empty() ? nullptr : identity.public_key.c_str(),
                                                    identity.private_key.c_str(), nullptr);
    if (rc < 0) return refuse(who + "cannot use " + identity.label + ": " + libgit2_message());
    return 0;
}

int Authentication::acquire_http(git_credential** out, unsigned int allowed_types) {
    const std::string who = "authentication to " + url_.host_and_port() + " failed: ";
    if ((allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT) == 0) {
        return refuse(who +
                      "the server asks for an authentication git-td cannot give (it gives a user name and "
                      "password)");
    }
    // Asked again: the server turned the last answer down.
    std::optional<HelperCredential> turned_down = std::exchange(offered_, std::nullopt);
    if (turned_down) helper_.reject(*turned_down);
    const std::string dropped = turned_down ? "the server turned down the password of '" + turned_down->username +
                                                  "' (dropped from the credential helpers with git credential reject)"
                                            : "";
    if (http_tries_ >= max_http_tries) {
        return refuse(who + dropped + ", after " + std::to_string(http_tries_) +
                      " tries: check the user name and password, and sync again");
    }
    ++http_tries_;
    std::optional<HelperCredential> credential = helper_.fill();
    if (!credential) {
        if (turned_down) {
            return refuse(who + dropped +
                          ", and git credential fill gave no other: store the right one in your "
                          "credential helper, or run git-td in a terminal to be asked, and sync again");
        }
        return refuse(who +
                      "the server asks for a user name and password, and git credential fill gave none: set "
                      "up a credential helper (git config credential.helper store, or your system's), or run "
                      "git-td in a terminal to be asked");
    }
    if (turned_down && credential->username == turned_down->username && credential->password == turned_down->password) {
        return refuse(who + dropped +
                      ", and git credential fill gives the same again: fix the password your "
                      "credential helper holds, and sync again");
    }
    offered_ = std::move(credential);
    return git_credential_userpass_plaintext_new(out, offered_->username.c_str(), offered_->password.c_str());
}

int Authentication::check_certificate(git_cert* cert, int valid, const char* host) {
    if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2) return check_host_key(cert);
    // TLS: libgit2 (mbedTLS, the system's CA store) has verified the chain
    // and the name; its verdict stands, and only the host is remembered.
    if (!valid) unverified_tls_host_ = host ? host : url_.host;
    return GIT_PASSTHROUGH;
}

// libgit2 1.5.1 compares the key with ~/.ssh/known_hosts itself (`valid`),
// but says neither which host nor which key, and reads no system-wide file:
// the verdict here is git-td's own, from every file OpenSSH reads.
int Authentication::check_host_key(git_cert* cert) {
    const auto* hostkey = reinterpret_cast<const git_cert_hostkey*>(cert);
    const std::string name = url_.known_hosts_name();
    if ((hostkey->type & GIT_CERT_SSH_RAW) == 0 || hostkey->hostkey == nullptr) {
        return refuse("cannot check the ssh host key of " + name + ": libgit2 did not hand it over; refused");
    }
    const std::string_view key(hostkey->hostkey, hostkey->hostkey_len);
    const HostKeyCheck check = git::check_host_key(read_known_hosts_files(home_directory()), name, key);
    const std::string offered = ssh_key_type(key) + " key " + ssh_fingerprint(key);
    const std::string port = url_.effective_port() == 22 ? "" : "-p " + std::to_string(url_.effective_port()) + " ";
    const std::string add =
        "'ssh-keyscan " + port + "-t " + ssh_key_type(key) + " " + url_.host +
        " >> ~/.ssh/known_hosts' once you have checked the fingerprint, or connect once with 'ssh " + port +
        (url_.user.empty() ? "" : url_.user + "@") + url_.host + "'";
    switch (check.verdict) {
        case HostKeyVerdict::known: return 0;
        case HostKeyVerdict::revoked:
            return refuse("the ssh host key of " + name + " (" + offered + ") is revoked (" + check.where +
                          "); refused: ask the server's owner for its current key");
        case HostKeyVerdict::changed:
            return refuse("the ssh host key of " + name + " has CHANGED: the server offers " + offered + ", " +
                          check.where + " records " + check.recorded_fingerprint +
                          "; someone may be intercepting the connection, or the server's key was replaced: refused. "
                          "If the server's owner confirms the new key, remove the old one with 'ssh-keygen -R \"" +
                          name + "\"' and add the new one with " + add);
        case HostKeyVerdict::unknown: break;
    }
    const std::string recorded =
        check.other_types.empty() ? "" : " (known_hosts records only its " + joined(check.other_types) + " key)";
    return refuse("the ssh host key of " + name + " is not known: the server offers " + offered +
                  ", and no known_hosts file (~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts) records it" + recorded +
                  "; refused. Add it with " + add);
}

std::optional<std::string> Authentication::handshake_hint() const {
    if (url_.scheme != "ssh") return std::nullopt;
    const std::string name = url_.known_hosts_name();
    for (const KnownHostsText& file : read_known_hosts_files(home_directory())) {
        if (file.label != "~/.ssh/known_hosts") continue;  // the one file libgit2 reads
        const std::string type = first_recorded_type(file, name);
        if (type != "ssh-rsa" && type != "ssh-dss") return std::nullopt;
        const std::string port = url_.effective_port() == 22 ? "" : "-p " + std::to_string(url_.effective_port()) + " ";
        return "libgit2 1.5 asks the server only for the key type of the first line for " + name +
               " in ~/.ssh/known_hosts, " + type +
               ", which OpenSSH 8.8 and later no longer sign with; replace it with the server's ed25519 key: "
               "'ssh-keygen -R \"" +
               name + "\"', then 'ssh-keyscan " + port + "-t ed25519 " + url_.host +
               " >> ~/.ssh/known_hosts' once you have checked the fingerprint";
    }
    return std::nullopt;
}

void Authentication::failed() {
    if (offered_) helper_.reject(*std::exchange(offered_, std::nullopt));
}

void Authentication::succeeded() {
    if (offered_) helper_.approve(*std::exchange(offered_, std::nullopt));
}

}  // namespace gittd::git
