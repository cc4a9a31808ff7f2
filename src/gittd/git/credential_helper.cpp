#include "gittd/git/credential_helper.hpp"

#include <string_view>
#include <utility>

#include "gittd/util/process.hpp"
#include "gittd/util/text_lines.hpp"

namespace gittd::git {

namespace {

// git's credential protocol is `key=value` lines: a value with a newline or
// NUL would inject other keys, and git refuses it too.
bool safe_value(std::string_view value) {
    return value.find_first_of(std::string_view("\n\0", 2)) == std::string_view::npos;
}

}  // namespace

CredentialHelper::CredentialHelper(std::filesystem::path directory, const RemoteUrl& url)
    : directory_(std::move(directory)) {
    std::string path = url.path;
    if (!path.empty() && path.front() == '/') path.erase(0, 1);  // git's path= has no leading slash
    if (!safe_value(url.scheme) || !safe_value(url.host) || !safe_value(path) || !safe_value(url.user)) return;
    request_ = "protocol=" + url.scheme + "\nhost=" + url.host_and_port() + "\n";
    if (!path.empty()) request_ += "path=" + path + "\n";
    if (!url.user.empty()) request_ += "username=" + url.user + "\n";
}

std::optional<HelperCredential> CredentialHelper::fill() const {
    if (request_.empty()) return std::nullopt;
    const std::optional<std::string> answer =
        program_output_with_input({"git", "credential", "fill"}, directory_, request_ + "\n");
    if (!answer) return std::nullopt;
    HelperCredential credential;
    credential.description = *answer;
    for (std::string_view line : lines_with_newlines(*answer)) {
        if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
        const size_t equals = line.find('=');
        if (equals == std::string_view::npos) continue;
        const std::string_view key = line.substr(0, equals);
        if (key == "username") credential.username = line.substr(equals + 1);
        if (key == "password") credential.password = line.substr(equals + 1);
    }
    if (credential.username.empty() && credential.password.empty()) return std::nullopt;
    return credential;
}

void CredentialHelper::approve(const HelperCredential& credential) const {
    // What the helpers do with it is theirs; a failure to store is not sync's.
    try {
        run_program_with_input({"git", "credential", "approve"}, directory_, credential.description + "\n");
    } catch (const std::exception&) {
    }
}

void CredentialHelper::reject(const HelperCredential& credential) const {
    try {
        run_program_with_input({"git", "credential", "reject"}, directory_, credential.description + "\n");
    } catch (const std::exception&) {
    }
}

}  // namespace gittd::git
