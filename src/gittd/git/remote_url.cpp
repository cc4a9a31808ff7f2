#include "gittd/git/remote_url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace gittd::git {

namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        int value = 0;
        if (text[i] == '%' && i + 2 < text.size() &&
            std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr == text.data() + i + 3) {
            out += static_cast<char>(value);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::optional<int> parse_port(std::string_view text) {
    int port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port <= 0 || port > 65535) return std::nullopt;
    return port;
}

// `[user[:password]@]host[:port]` of a URL, or `[user@]host` of scp-style.
void parse_authority(std::string_view authority, bool with_port, RemoteUrl& url) {
    const size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = authority.substr(0, at);
        const size_t colon = with_port ? userinfo.find(':') : std::string_view::npos;
        url.user = percent_decode(userinfo.substr(0, colon));
        if (colon != std::string_view::npos) url.password = percent_decode(userinfo.substr(colon + 1));
        authority.remove_prefix(at + 1);
    }
    std::string_view host = authority;
    std::string_view port;
    if (!host.empty() && host.front() == '[') {
        const size_t close = host.find(']');
        if (close != std::string_view::npos) {
            if (with_port && close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
            host = host.substr(1, close - 1);
        }
    } else if (with_port) {
        const size_t colon = host.rfind(':');
        if (colon != std::string_view::npos) {
            port = host.substr(colon + 1);
            host = host.substr(0, colon);
        }
    }
    url.host = lowercase(host);
    if (!port.empty()) url.port = parse_port(port);
}

}  // namespace

int RemoteUrl::effective_port() const {
    if (port) return *port;
    if (scheme == "ssh") return 22;
    if (scheme == "http") return 80;
    if (scheme == "https") return 443;
    if (scheme == "git") return 9418;
    return 0;
}

std::string RemoteUrl::host_and_port() const {
    const std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return port ? name + ":" + std::to_string(*port) : name;
}

std::string RemoteUrl::known_hosts_name() const {
    if (effective_port() == 22) return host;
    return "[" + host + "]:" + std::to_string(effective_port());
}

RemoteUrl parse_remote_url(std::string_view text) {
    RemoteUrl url;
    const size_t scheme_end = text.find("://");
    if (scheme_end != std::string_view::npos) {
        url.scheme = lowercase(text.substr(0, scheme_end));
        if (url.scheme == "git+ssh" || url.scheme == "ssh+git") url.scheme = "ssh";
        std::string_view rest = text.substr(scheme_end + 3);
        const size_t slash = rest.find('/');
        parse_authority(rest.substr(0, slash), true, url);
        if (slash != std::string_view::npos) url.path = percent_decode(rest.substr(slash));
        return url;
    }
    // scp-style, as git tells it from a path: a colon before any slash
    // ([user@]host:path, [user@][host]:path).
    const size_t bracket_end = text.empty() || text.front() == '/' ? std::string_view::npos : text.find("]:");
    const size_t colon = bracket_end != std::string_view::npos ? bracket_end + 1 : text.find(':');
    const size_t slash = text.find('/');
    if (colon == std::string_view::npos || colon == 0 || (slash != std::string_view::npos && slash < colon)) {
        url.path = text;  // a local path
        return url;
    }
    url.scheme = "ssh";
    parse_authority(text.substr(0, colon), false, url);
    url.path = text.substr(colon + 1);
    return url;
}

}  // namespace gittd::git
