#include "gittd/git/config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/text_lines.hpp"

namespace gittd::git {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_value(git_config* config, const std::string& key, bool path) {
    git_buf buf = GIT_BUF_INIT;
    const int rc =
        path ? git_config_get_path(&buf, config, key.c_str()) : git_config_get_string_buf(&buf, config, key.c_str());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    if (rc != 0) throw_git_error("cannot read git config " + key);
    std::string value(buf.ptr, buf.size);
    git_buf_dispose(&buf);
    return value;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// Whether `line` is the header of section `name` (case-insensitive, as git
// compares section names) with subsection `sub` (case-sensitive), alone on its line.
bool is_header(std::string_view line, std::string_view name, std::string_view sub) {
    line = trim(line);
    if (line.size() < 2 || line.front() != '[' || line.back() != ']') return false;
    line = line.substr(1, line.size() - 2);
    const size_t space = line.find(' ');
    if (sub.empty()) return space == std::string_view::npos && equal_ignoring_case(line, name);
    if (space == std::string_view::npos) return false;
    return equal_ignoring_case(line.substr(0, space), name) &&
           trim(line.substr(space + 1)) == "\"" + std::string(sub) + "\"";
}

// Replaces the file the way git does: write `<file>.lock` (created
// exclusively, so a concurrent git or libgit2 writer makes us fail rather than
// interleave), then rename it over the file.
void replace_locked(const fs::path& file, const std::string& text) {
    const fs::path lock = fs::path(file.string() + ".lock");
    struct stat st {};
    const mode_t mode = ::stat(file.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
    const int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        throw Error(ErrorCode::io, lock.string() + ": cannot lock the git config: " + std::strerror(errno) +
                                       " (is another git running? remove the file if not)");
    }
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int saved = errno;
            ::close(fd);
            ::unlink(lock.c_str());
            throw Error(ErrorCode::io, lock.string() + ": cannot write: " + std::strerror(saved));
        }
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    if (::rename(lock.c_str(), file.c_str()) != 0) {
        const int saved = errno;
        ::unlink(lock.c_str());
        throw Error(ErrorCode::io, file.string() + ": cannot replace: " + std::strerror(saved));
    }
}

}  // namespace

struct Config::Handles {
    ConfigHandle all;    // every level
    ConfigHandle local;  // the repository's own file
};

Config::Config(const Repository& repository)
    : handles_(std::make_unique<Handles>()), local_file_(repository.paths().common_dir / "config") {
    check_git(git_repository_config(handles_->all.out(), raw(repository)), "cannot read the git config");
    check_git(git_config_open_level(handles_->local.out(), handles_->all.get(), GIT_CONFIG_LEVEL_LOCAL),
              "cannot open the repository's own git config");
}

Config::~Config() = default;

std::optional<std::string> Config::get(const std::string& key) const {
    return read_value(handles_->all.get(), key, false);
}

std::optional<std::string> Config::get_path(const std::string& key) const {
    return read_value(handles_->all.get(), key, true);
}

std::optional<std::string> Config::get_local(const std::string& key) const {
    return read_value(handles_->local.get(), key, false);
}

bool Config::set_local(const std::string& key, const std::string& value) {
    if (get_local(key) == value) return false;
    if (git_config_set_string(handles_->local.get(), key.c_str(), value.c_str()) != 0) {
        throw_git_error(local_file_.string() + ": cannot set " + key);
    }
    return true;
}

bool Config::unset_local(const std::string& key) {
    if (!get_local(key)) return false;
    if (git_config_delete_entry(handles_->local.get(), key.c_str()) != 0) {
        throw_git_error(local_file_.string() + ": cannot remove " + key);
    }
    const std::string text = read_file_if_exists(local_file_).value_or("");
    const std::string cleaned = without_empty_section(text, key.substr(0, key.rfind('.')));
    if (cleaned != text) replace_locked(local_file_, cleaned);
    return true;
}

std::string without_empty_section(const std::string& text, const std::string& key_prefix) {
    const size_t dot = key_prefix.find('.');
    const std::string name = key_prefix.substr(0, dot);
    const std::string sub = dot == std::string::npos ? "" : key_prefix.substr(dot + 1);

    const std::vector<std::string_view> lines = lines_with_newlines(text);
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (is_header(lines[i], name, sub)) {
            size_t j = i + 1;
            while (j < lines.size() && trim(lines[j]).empty()) ++j;
            const bool empty = j == lines.size() || trim(lines[j]).front() == '[';
            if (empty) continue;  // drop only the header; blank lines stay as they were
        }
        out.append(lines[i]);
    }
    return out;
}

}  // namespace gittd::git
