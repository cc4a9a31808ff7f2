#pragma once
// ssh host keys against OpenSSH's known_hosts files: is the key a server
// offers the one recorded for its name, another one, or none at all? The
// format is OpenSSH's (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): plain name
// patterns with * ? and ! negation, hashed names (|1|salt|HMAC-SHA1),
// `[host]:port` for another port than 22, @revoked keys; @cert-authority
// lines are skipped (libgit2 1.5 accepts no host certificates).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gittd::git {

// A known_hosts file's text and how messages name it.
struct KnownHostsText {
    std::string label;  // e.g. ~/.ssh/known_hosts
    std::string text;
};

enum class HostKeyVerdict {
    known,    // a line for the name holds this key
    unknown,  // no line for the name holds a key of this type
    changed,  // a line for the name holds another key of the same type
    revoked,  // an @revoked line holds this key
};

struct HostKeyCheck {
    HostKeyVerdict verdict = HostKeyVerdict::unknown;
    std::string where;                     // `label:line` of the matching, revoked or differing line
    std::string recorded_fingerprint;      // changed: the fingerprint of the recorded key
    std::vector<std::string> other_types;  // unknown: the key types recorded for the name
};

// `key` is the ssh wire blob (a string naming the type, then the key), as
// libssh2 gives it and known_hosts stores it in base64. `name` is the
// lookup name: `host` or `[host]:port` (RemoteUrl::known_hosts_name).
HostKeyCheck check_host_key(const std::vector<KnownHostsText>& files, std::string_view name, std::string_view key);

// The type of the first key `file` records for `name` (empty: none). libgit2
// 1.5 offers the server only that type when ~/.ssh/known_hosts has one, so an
// ssh-rsa line first makes an OpenSSH 8.8+ server (which no longer signs with
// SHA-1) fail the handshake.
std::string first_recorded_type(const KnownHostsText& file, std::string_view name);

// The key's type as its blob names it ("ssh-ed25519"), empty when malformed.
std::string ssh_key_type(std::string_view key);
// OpenSSH's fingerprint: SHA256: and the digest in base64 without padding.
std::string ssh_fingerprint(std::string_view key);

// The files OpenSSH reads by default, those that exist, read:
// ~/.ssh/known_hosts{,2} under `home`, then /etc/ssh/ssh_known_hosts{,2}.
std::vector<KnownHostsText> read_known_hosts_files(const std::filesystem::path& home);

}  // namespace gittd::git
