#include "gittd/git/ssh_identities.hpp"

#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "gittd/util/base64.hpp"
#include "gittd/util/files.hpp"

namespace gittd::git {

namespace fs = std::filesystem;

namespace {

// Whether something listens on the agent's socket: a stale SSH_AUTH_SOCK
// (the agent of a closed session) would otherwise end the connection.
bool agent_answers(const std::string& socket_path) {
    sockaddr_un address{};
    if (socket_path.size() >= sizeof address.sun_path) return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

}  // namespace

bool key_needs_passphrase(std::string_view text) {
    if (text.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos ||
        text.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") != std::string_view::npos) {
        return true;
    }
    constexpr std::string_view begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    const size_t start = text.find(begin);
    if (start == std::string_view::npos) return false;
    // The body starts "openssh-key-v1\0" then the cipher's name as an ssh
    // string (4-byte length); 64 base64 characters cover both.
    std::string head;
    for (size_t i = start + begin.size(); i < text.size() && head.size() < 64; ++i) {
        if (text[i] == '-') break;
        if (!std::isspace(static_cast<unsigned char>(text[i]))) head += text[i];
    }
    const std::optional<std::string> bytes = base64_decode(head.substr(0, head.size() - head.size() % 4));
    constexpr std::string_view magic{"openssh-key-v1\0", 15};
    if (!bytes || bytes->size() < magic.size() + 4 || bytes->compare(0, magic.size(), magic) != 0) return false;
    const auto byte = [&](size_t i) { return static_cast<size_t>(static_cast<unsigned char>((*bytes)[i])); };
    const size_t at = magic.size();
    const size_t length = (byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3);
    return bytes->compare(at + 4, length, "none") != 0;
}

SshIdentities ssh_identities(const fs::path& home, const std::optional<std::string>& agent_socket) {
    SshIdentities identities;
    if (agent_socket && !agent_socket->empty()) {
        if (agent_answers(*agent_socket)) {
            identities.offered.push_back({true, {}, {}, "ssh-agent"});
        } else {
            identities.left_out.push_back("ssh-agent (nothing answers at SSH_AUTH_SOCK=" + *agent_socket + ")");
        }
    }
    for (const char* name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
        const fs::path key = home / ".ssh" / name;
        const std::string label = std::string("~/.ssh/") + name;
        std::optional<std::string> text;
        try {
            text = read_file_if_exists(key);
        } catch (const std::exception&) {
            identities.left_out.push_back(label + " (cannot be read)");
            continue;
        }
        if (!text) continue;
        if (key_needs_passphrase(*text)) {
            identities.left_out.push_back(label + " (needs a passphrase: add it to ssh-agent with ssh-add)");
            continue;
        }
        fs::path public_key = key;
        public_key += ".pub";
        std::error_code ec;
        if (!fs::is_regular_file(public_key, ec)) public_key.clear();
        identities.offered.push_back({false, key, public_key, label});
    }
    return identities;
}

fs::path home_directory() {
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    if (const passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_dir) return entry->pw_dir;
    return {};
}

}  // namespace gittd::git
