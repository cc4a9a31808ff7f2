#pragma once
// The ssh keys git-td offers a server, in order: ssh-agent's (every key it
// holds, tried in one step by libgit2), then ~/.ssh/id_ed25519, id_ecdsa and
// id_rsa, each with its .pub beside it when present. libgit2 1.5 ends the
// whole connection (not just that key) when a key file cannot be read or needs
// a passphrase, or when ssh-agent's socket does not answer, so such keys are
// left out beforehand and named in the refusal instead.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gittd::git {

struct SshIdentity {
    bool agent = false;                 // ssh-agent's keys; else the files below
    std::filesystem::path private_key;  // empty for the agent
    std::filesystem::path public_key;   // empty when there is no .pub beside it
    std::string label;                  // how messages name it: "ssh-agent", "~/.ssh/id_ed25519"
};

struct SshIdentities {
    std::vector<SshIdentity> offered;
    std::vector<std::string> left_out;  // "~/.ssh/id_rsa (needs a passphrase)"
};

// `agent_socket`: $SSH_AUTH_SOCK (empty or nullopt: no agent).
SshIdentities ssh_identities(const std::filesystem::path& home, const std::optional<std::string>& agent_socket);

// Whether a private key file's text is encrypted: PEM with
// "Proc-Type: 4,ENCRYPTED", PKCS#8 "ENCRYPTED PRIVATE KEY", or OpenSSH's own
// format with a cipher other than "none".
bool key_needs_passphrase(std::string_view text);

// $HOME, as libgit2 itself takes it for ~/.ssh/known_hosts (and OpenSSH's
// home directory from the password database when HOME is unset).
std::filesystem::path home_directory();

}  // namespace gittd::git
