#include <catch2/catch.hpp>

#include "gittd/git/remote_url.hpp"

using gittd::git::parse_remote_url;

TEST_CASE("ssh URLs give user, host, port and the name known_hosts uses") {
    const auto url = parse_remote_url("ssh://alice@127.0.0.1:2222/srv/td.git");
    CHECK(url.scheme == "ssh");
    CHECK(url.user == "alice");
    CHECK(url.host == "127.0.0.1");
    CHECK(url.effective_port() == 2222);
    CHECK(url.path == "/srv/td.git");
    CHECK(url.known_hosts_name() == "[127.0.0.1]:2222");

    const auto plain = parse_remote_url("ssh://Git.Example.org/td.git");
    CHECK(plain.user.empty());
    CHECK(plain.host == "git.example.org");  // ssh looks names up in lowercase
    CHECK(plain.effective_port() == 22);
    CHECK(plain.known_hosts_name() == "git.example.org");
    CHECK(parse_remote_url("ssh://h:22/x").known_hosts_name() == "h");
    CHECK(parse_remote_url("git+ssh://h/x").scheme == "ssh");
}

TEST_CASE("scp-style addresses are ssh, a path with a slash before any colon is local") {
    const auto scp = parse_remote_url("git@github.com:owner/repo.git");
    CHECK(scp.scheme == "ssh");
    CHECK(scp.user == "git");
    CHECK(scp.host == "github.com");
    CHECK(scp.path == "owner/repo.git");
    CHECK(scp.known_hosts_name() == "github.com");

    const auto v6 = parse_remote_url("me@[::1]:repo.git");
    CHECK(v6.host == "::1");
    CHECK(v6.path == "repo.git");

    CHECK(parse_remote_url("./dir:with/colon").scheme.empty());
    CHECK(parse_remote_url("/srv/a:b").scheme.empty());
    CHECK(parse_remote_url("../origin.git").scheme.empty());
}

TEST_CASE("http URLs give what git credential fill is asked for") {
    const auto url = parse_remote_url("https://bob:s%40cret@Example.org:8443/group/td%20repo.git");
    CHECK(url.scheme == "https");
    CHECK(url.user == "bob");
    CHECK(url.password == "s@cret");
    CHECK(url.host_and_port() == "example.org:8443");
    CHECK(url.path == "/group/td repo.git");
    CHECK(parse_remote_url("http://[::1]:8080/x").host_and_port() == "[::1]:8080");
    CHECK(parse_remote_url("http://h/x").host_and_port() == "h");
    CHECK(parse_remote_url("http://h/x").effective_port() == 80);
}
