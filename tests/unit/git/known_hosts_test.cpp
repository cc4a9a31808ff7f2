#include <catch2/catch.hpp>

#include "gittd/git/known_hosts.hpp"
#include "gittd/util/base64.hpp"
#include "gittd/util/hmac_sha1.hpp"

using gittd::git::check_host_key;
using gittd::git::HostKeyVerdict;
using gittd::git::KnownHostsText;

namespace {

// Real keys made with ssh-keygen; fingerprints as `ssh-keygen -l` prints them.
const char* const key_a = "AAAAC3NzaC1lZDI1NTE5AAAAIBarOVrOq0xVeQqQQdnaWOynn2+I37krV9xGBjThLiZX";
const char* const fingerprint_a = "SHA256:3kTrvIHaiwCcCNKXsjzrN0PQLBkVKbK4dAY8PirCrRs";
const char* const key_b = "AAAAC3NzaC1lZDI1NTE5AAAAILRGJaECHrCZCMM+lAukR+DTzeLqNylzizWK5xpz/dKp";
const char* const fingerprint_b = "SHA256:9Nc1beiIP27ZwAZ9uM8PFVjkb8VGHDba9c1XlhJJHYU";
const char* const key_ecdsa =
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAYjWHQNPQkXKzFoedX4DfVrkNhjmxrKtWe+01vPLaddTbYupDb4TLR8XoD"
    "NTqG87VD39PWDeo2LduFLvlnFywI=";

std::string blob(const char* base64) { return *gittd::base64_decode(base64); }

std::vector<KnownHostsText> file(const std::string& text) { return {{"~/.ssh/known_hosts", text}}; }

}  // namespace

TEST_CASE("a key's type and OpenSSH's SHA256 fingerprint come from its blob") {
    CHECK(gittd::git::ssh_key_type(blob(key_a)) == "ssh-ed25519");
    CHECK(gittd::git::ssh_key_type(blob(key_ecdsa)) == "ecdsa-sha2-nistp256");
    CHECK(gittd::git::ssh_key_type("\xff\xff") == "");
    CHECK(gittd::git::ssh_fingerprint(blob(key_a)) == fingerprint_a);
    CHECK(gittd::git::ssh_fingerprint(blob(key_b)) == fingerprint_b);
}

TEST_CASE("the recorded key is known, another of its type has changed, none is unknown") {
    const std::string text = std::string("# comment\n\ngit.example.org,10.0.0.1 ssh-ed25519 ") + key_a + " c\n";
    CHECK(check_host_key(file(text), "git.example.org", blob(key_a)).verdict == HostKeyVerdict::known);
    CHECK(check_host_key(file(text), "10.0.0.1", blob(key_a)).verdict == HostKeyVerdict::known);

    const auto changed = check_host_key(file(text), "git.example.org", blob(key_b));
    CHECK(changed.verdict == HostKeyVerdict::changed);
    CHECK(changed.where == "~/.ssh/known_hosts:3");
    CHECK(changed.recorded_fingerprint == fingerprint_a);

    const auto unknown = check_host_key(file(text), "other.example.org", blob(key_a));
    CHECK(unknown.verdict == HostKeyVerdict::unknown);
    CHECK(unknown.other_types.empty());
    CHECK(check_host_key({}, "git.example.org", blob(key_a)).verdict == HostKeyVerdict::unknown);
}

TEST_CASE("a host known only by another key type is unknown for this one, naming the types") {
    const std::string text = std::string("h ecdsa-sha2-nistp256 ") + key_ecdsa + "\n";
    const auto check = check_host_key(file(text), "h", blob(key_a));
    CHECK(check.verdict == HostKeyVerdict::unknown);
    CHECK(check.other_types == std::vector<std::string>{"ecdsa-sha2-nistp256"});
}

TEST_CASE("another port is its own name: [host]:port") {
    const std::string text = std::string("[127.0.0.1]:2222 ssh-ed25519 ") + key_a + "\n";
    CHECK(check_host_key(file(text), "[127.0.0.1]:2222", blob(key_a)).verdict == HostKeyVerdict::known);
    CHECK(check_host_key(file(text), "127.0.0.1", blob(key_a)).verdict == HostKeyVerdict::unknown);
    CHECK(check_host_key(file(text), "[127.0.0.1]:2223", blob(key_a)).verdict == HostKeyVerdict::unknown);
}

TEST_CASE("hashed names match with HMAC-SHA1 of the salt, as ssh-keygen -H writes them") {
    // Written by `ssh-keygen -H` for [127.0.0.1]:49077.
    const std::string openssh =
        std::string("|1|XPkt6dNXx/aFn9ssZmSgsZwF4uU=|3p4Z1dPddLNM4sEdpylzRH92L8E= ssh-ed25519 ") + key_a + "\n";
    CHECK(check_host_key(file(openssh), "[127.0.0.1]:49077", blob(key_a)).verdict == HostKeyVerdict::known);
    CHECK(check_host_key(file(openssh), "[127.0.0.1]:49078", blob(key_a)).verdict == HostKeyVerdict::unknown);
    CHECK(check_host_key(file(openssh), "[127.0.0.1]:49077", blob(key_b)).verdict == HostKeyVerdict::changed);

    const std::string salt = "twenty bytes of salt";
    const std::string hashed = "|1|" + gittd::base64_encode(salt) + "|" +
                               gittd::base64_encode(gittd::hmac_sha1(salt, "git.example.org")) + " ssh-ed25519 " +
                               key_a + "\n";
    CHECK(check_host_key(file(hashed), "git.example.org", blob(key_a)).verdict == HostKeyVerdict::known);
    CHECK(check_host_key(file("|1|bad|line ssh-ed25519 x\n"), "h", blob(key_a)).verdict == HostKeyVerdict::unknown);
}

TEST_CASE("patterns: wildcards, negation, case") {
    const std::string text = std::string("*.example.org,!evil.example.org ssh-ed25519 ") + key_a + "\n" +
                             "[10.0.0.?]:* ssh-ed25519 " + key_a + "\n";
    CHECK(check_host_key(file(text), "git.example.org", blob(key_a)).verdict == HostKeyVerdict::known);
    CHECK(check_host_key(file(text), "evil.example.org", blob(key_a)).verdict == HostKeyVerdict::unknown);
    CHECK(check_host_key(file(text), "[10.0.0.7]:2222", blob(key_a)).verdict == HostKeyVerdict::known);
    CHECK(check_host_key(file(text), "[10.0.0.17]:2222", blob(key_a)).verdict == HostKeyVerdict::unknown);
    CHECK(check_host_key(file(text), "GIT.Example.org", blob(key_a)).verdict == HostKeyVerdict::known);
}

TEST_CASE("@revoked refuses that key, and @cert-authority lines hold no host keys") {
    const std::string text = std::string("@revoked * ssh-ed25519 ") + key_a + "\nh ssh-ed25519 " + key_a + "\n" +
                             "@cert-authority h ssh-ed25519 " + key_b + "\n";
    const auto revoked = check_host_key(file(text), "h", blob(key_a));
    CHECK(revoked.verdict == HostKeyVerdict::revoked);
    CHECK(revoked.where == "~/.ssh/known_hosts:1");
    // The CA key is not h's host key, so key_b has not "changed" h's key either.
    const auto other = check_host_key(file(text), "h", blob(key_b));
    CHECK(other.verdict == HostKeyVerdict::changed);
    CHECK(other.where == "~/.ssh/known_hosts:2");
}

TEST_CASE("every file counts: a key in the system-wide file is known") {
    const std::vector<KnownHostsText> files{{"~/.ssh/known_hosts", "other ssh-ed25519 " + std::string(key_b) + "\n"},
                                            {"/etc/ssh/ssh_known_hosts", "h ssh-ed25519 " + std::string(key_a)}};
    const auto check = check_host_key(files, "h", blob(key_a));
    CHECK(check.verdict == HostKeyVerdict::known);
    CHECK(check.where == "/etc/ssh/ssh_known_hosts:1");
}

TEST_CASE("the first key type recorded for a name, the one libgit2 1.5 asks the server for") {
    const KnownHostsText text{"~/.ssh/known_hosts",
                              std::string("other ssh-ed25519 ") + key_a + "\n" + "@revoked h ssh-ed25519 " + key_b +
                                  "\n" + "h ecdsa-sha2-nistp256 " + key_ecdsa + "\n" + "h ssh-ed25519 " + key_a + "\n"};
    CHECK(gittd::git::first_recorded_type(text, "h") == "ecdsa-sha2-nistp256");
    CHECK(gittd::git::first_recorded_type(text, "other") == "ssh-ed25519");
    CHECK(gittd::git::first_recorded_type(text, "none") == "");
}
