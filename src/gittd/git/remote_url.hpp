#pragma once
// A remote's URL taken apart the way libgit2's transports take it: what the
// credential and host-key callbacks need (scheme, user, host, port, path).
#include <optional>
#include <string>
#include <string_view>

namespace gittd::git {

struct RemoteUrl {
    std::string scheme;    // "ssh" (also for scp-style), "http", "https", "git", "file"; empty for a local path
    std::string user;      // percent-decoded; empty when the URL names none
    std::string password;  // percent-decoded; never shown
    std::string host;      // without brackets for IPv6; lowercase
    std::optional<int> port;
    std::string path;  // percent-decoded for URLs; as written for scp-style

    // The port the transport uses: the URL's, else the scheme's default.
    int effective_port() const;
    // host, or host:port when the URL names a port (`git credential`'s host
    // field); IPv6 addresses in brackets.
    std::string host_and_port() const;
    // How ssh's known_hosts names the host: `host`, or `[host]:port` when the
    // port is not 22.
    std::string known_hosts_name() const;
};

// `url` as ssh://, git+ssh://, ssh+git://, [user@]host:path (scp-style),
// http(s)://, git://, file://; anything else (a local path) has an empty scheme.
RemoteUrl parse_remote_url(std::string_view url);

}  // namespace gittd::git
