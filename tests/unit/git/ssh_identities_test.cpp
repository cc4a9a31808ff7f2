#include <catch2/catch.hpp>

#include <fstream>

#include "gittd/git/ssh_identities.hpp"
#include "temp_dir.hpp"

using gittd::git::key_needs_passphrase;

namespace {
// Heads of real keys from ssh-keygen -t ed25519, with -N '' and with -N pw.
const char* const openssh_plain =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n";
const char* const openssh_encrypted =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAqGpZx7P\n"
    "JAdPDTobiTazSQAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIBmrimE8zDChka8h\n";

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }
}  // namespace

TEST_CASE("keys that need a passphrase are told from the file") {
    CHECK_FALSE(key_needs_passphrase(openssh_plain));
    CHECK(key_needs_passphrase(openssh_encrypted));
    CHECK(key_needs_passphrase("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n"));
    CHECK(key_needs_passphrase("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n"));
    CHECK_FALSE(key_needs_passphrase("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n"));
}

TEST_CASE("offered: the agent when it answers, then id_ed25519, id_ecdsa, id_rsa that need no passphrase") {
    TempDir home;
    std::filesystem::create_directories(home.path() / ".ssh");
    write(home.path() / ".ssh/id_rsa", openssh_plain);
    write(home.path() / ".ssh/id_ed25519", openssh_plain);
    write(home.path() / ".ssh/id_ed25519.pub", "ssh-ed25519 AAAA x\n");
    write(home.path() / ".ssh/id_ecdsa", openssh_encrypted);

    const auto identities = gittd::git::ssh_identities(home.path(), home.path().string() + "/no-agent");
    REQUIRE(identities.offered.size() == 2);
    CHECK(identities.offered[0].label == "~/.ssh/id_ed25519");
    CHECK(identities.offered[0].public_key == home.path() / ".ssh/id_ed25519.pub");
    CHECK(identities.offered[1].label == "~/.ssh/id_rsa");
    CHECK(identities.offered[1].public_key.empty());
    REQUIRE(identities.left_out.size() == 2);
    CHECK_THAT(identities.left_out[0], Catch::StartsWith("ssh-agent (nothing answers at SSH_AUTH_SOCK="));
    CHECK_THAT(identities.left_out[1], Catch::StartsWith("~/.ssh/id_ecdsa (needs a passphrase"));

    CHECK(gittd::git::ssh_identities(home.path(), std::nullopt).left_out.size() == 1);
}
