#include "gittd/git/known_hosts.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "gittd/util/base64.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/hmac_sha1.hpp"
#include "gittd/util/sha256.hpp"
#include "gittd/util/text_lines.hpp"

namespace gittd::git {

namespace fs = std::filesystem;

namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// The whitespace-separated words of a line.
std::vector<std::string_view> words_of(std::string_view line) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        const size_t start = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i > start) words.push_back(line.substr(start, i - start));
    }
    return words;
}

// OpenSSH's match_pattern: * is any run of characters, ? any one.
bool wildcard_match(std::string_view text, std::string_view pattern) {
    if (pattern.empty()) return text.empty();
    if (pattern.front() == '*') {
        for (size_t skip = 0; skip <= text.size(); ++skip) {
            if (wildcard_match(text.substr(skip), pattern.substr(1))) return true;
        }
        return false;
    }
    if (text.empty()) return false;
    if (pattern.front() != '?' && pattern.front() != text.front()) return false;
    return wildcard_match(text.substr(1), pattern.substr(1));
}

// OpenSSH's match_hostname: a comma-separated list matches when one pattern
// does and no negated (!) one does.
bool patterns_match(std::string_view name, std::string_view list) {
    bool matched = false;
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = std::min(list.find(',', start), list.size());
        std::string_view pattern = list.substr(start, comma - start);
        const bool negated = !pattern.empty() && pattern.front() == '!';
        if (negated) pattern.remove_prefix(1);
        if (wildcard_match(name, lowercase(pattern))) {
            if (negated) return false;
            matched = true;
        }
        start = comma + 1;
    }
    return matched;
}

// |1|base64(salt)|base64(HMAC-SHA1(salt, name))
bool hashed_match(std::string_view name, std::string_view field) {
    field.remove_prefix(3);
    const size_t bar = field.find('|');
    if (bar == std::string_view::npos) return false;
    const std::optional<std::string> salt = base64_decode(field.substr(0, bar));
    const std::optional<std::string> hash = base64_decode(field.substr(bar + 1));
    return salt && hash && hmac_sha1(*salt, name) == *hash;
}

bool names_match(std::string_view name, std::string_view field) {
    if (field.substr(0, 3) == "|1|") return hashed_match(name, field);
    return patterns_match(name, field);
}

}  // namespace

std::string ssh_key_type(std::string_view key) {
    if (key.size() < 4) return {};
    const auto byte = [&](size_t i) { return static_cast<size_t>(static_cast<unsigned char>(key[i])); };
    const size_t length = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
    if (length == 0 || length > key.size() - 4) return {};
    return std::string(key.substr(4, length));
}

std::string ssh_fingerprint(std::string_view key) {
    std::string digest = base64_encode(sha256_digest(key));
    while (!digest.empty() && digest.back() == '=') digest.pop_back();
    return "SHA256:" + digest;
}

namespace {

// A line of a known_hosts file that records a key for a name.
struct Entry {
    int line = 0;
    bool revoked = false;
    std::string key;  // the blob
};

// The lines of `file` for `lookup` (lowercase), in order; @cert-authority
// lines, other markers and lines whose key is no base64 are skipped, as
// OpenSSH skips them.
std::vector<Entry> entries_for(const KnownHostsText& file, const std::string& lookup) {
    std::vector<Entry> entries;
    int number = 0;
    for (const std::string_view line : lines_with_newlines(file.text)) {
        ++number;
        std::vector<std::string_view> words = words_of(line);
        if (words.empty() || words.front().front() == '#') continue;
        std::string_view marker;
        if (words.front().front() == '@') {
            marker = words.front();
            words.erase(words.begin());
        }
        if (!marker.empty() && marker != "@revoked") continue;
        if (words.size() < 3 || !names_match(lookup, words[0])) continue;
        std::optional<std::string> key = base64_decode(words[2]);
        if (key) entries.push_back({number, !marker.empty(), std::move(*key)});
    }
    return entries;
}

}  // namespace

HostKeyCheck check_host_key(const std::vector<KnownHostsText>& files, std::string_view name, std::string_view key) {
    const std::string type = ssh_key_type(key);
    std::optional<HostKeyCheck> known;
    std::optional<HostKeyCheck> changed;
    HostKeyCheck unknown;
    for (const KnownHostsText& file : files) {
        for (const Entry& entry : entries_for(file, lowercase(name))) {
            const std::string where = file.label + ":" + std::to_string(entry.line);
            if (entry.key == key) {
                if (entry.revoked) return {HostKeyVerdict::revoked, where, {}, {}};
                if (!known) known = HostKeyCheck{HostKeyVerdict::known, where, {}, {}};
                continue;
            }
            if (entry.revoked) continue;
            const std::string recorded_type = ssh_key_type(entry.key);
            if (recorded_type == type) {
                if (!changed) changed = HostKeyCheck{HostKeyVerdict::changed, where, ssh_fingerprint(entry.key), {}};
            } else if (std::find(unknown.other_types.begin(), unknown.other_types.end(), recorded_type) ==
                       unknown.other_types.end()) {
                unknown.other_types.push_back(recorded_type);
            }
        }
    }
    if (known) return *known;
    if (changed) return *changed;
    return unknown;
}

std::string first_recorded_type(const KnownHostsText& file, std::string_view name) {
    for (const Entry& entry : entries_for(file, lowercase(name))) {
        if (!entry.revoked) return ssh_key_type(entry.key);
    }
    return {};
}

std::vector<KnownHostsText> read_known_hosts_files(const fs::path& home) {
    std::vector<KnownHostsText> files;
    const auto add = [&](const fs::path& path, const std::string& label) {
        try {
            if (std::optional<std::string> text = read_file_if_exists(path)) files.push_back({label, std::move(*text)});
        } catch (const std::exception&) {
            // An unreadable file holds no key we could trust; OpenSSH skips it too.
        }
    };
    if (!home.empty()) {
        add(home / ".ssh/known_hosts", "~/.ssh/known_hosts");
        add(home / ".ssh/known_hosts2", "~/.ssh/known_hosts2");
    }
    add("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts");
    add("/etc/ssh/ssh_known_hosts2", "/etc/ssh/ssh_known_hosts2");
    return files;
}

}  // namespace gittd::git
