#include "gittd/tree/new_files_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <random>

#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::tree {

namespace {

constexpr std::string_view header = "git-td new files ";

// FNV-1a: the journal only has to tell the bytes export meant from any
// other bytes of the same size, not resist anyone.
std::uint64_t content_hash(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string new_generation() {
    std::random_device random;
    std::uniform_int_distribution<std::uint64_t> any;
    char text[17];
    const auto [end, error] = std::to_chars(text, text + 16, any(random), 16);
    return std::string(text, end);
}

struct Intended {
    std::int64_t size = 0;
    std::uint64_t hash = 0;
};

// The journal's generation and the files still meant (cancelled ones left
// out). A line cut short (the journal's own write interrupted) is skipped:
// its file was not created yet, creation follows the line.
struct ReadJournal {
    std::string generation, store;
    std::map<std::string, Intended> files;
};

std::optional<ReadJournal> parse(const std::string& text) {
    if (!text.starts_with(header)) return std::nullopt;
    ReadJournal journal;
    size_t at = 0;
    bool first = true;
    while (at < text.size()) {
        const size_t end = text.find('\n', at);
        if (end == std::string::npos) break;
        const std::string_view line(text.data() + at, end - at);
        at = end + 1;
        if (first) {
            // "<header><generation> <store>"
            const std::string_view rest = line.substr(header.size());
            const size_t space = rest.find(' ');
            if (space == std::string_view::npos) return std::nullopt;
            journal.generation = std::string(rest.substr(0, space));
            journal.store = std::string(rest.substr(space + 1));
            first = false;
            continue;
        }
        if (line.starts_with("- ")) {
            journal.files.erase(std::string(line.substr(2)));
            continue;
        }
        if (!line.starts_with("+ ")) continue;
        // "+ <size> <hash> <folder>/<name>"
        Intended intended;
        const char* p = line.data() + 2;
        const char* stop = line.data() + line.size();
        auto [after_size, size_error] = std::from_chars(p, stop, intended.size);
        if (size_error != std::errc() || after_size == stop || *after_size != ' ') continue;
        auto [after_hash, hash_error] = std::from_chars(after_size + 1, stop, intended.hash, 16);
        if (hash_error != std::errc() || after_hash == stop || *after_hash != ' ') continue;
        journal.files[std::string(after_hash + 1, stop)] = intended;
    }
    if (first) return std::nullopt;
    return journal;
}

// Removes `relative` (<folder>/<name>) from the tree if it is what was
// meant, or empty (created, not yet written: a write of one page is never
// cut short). Never follows a link: the kind folder is the tree's own fd,
// the file is looked at with AT_SYMLINK_NOFOLLOW.
bool remove_if_meant(const WorkingTree& tree, const std::string& relative, const Intended& intended) {
    const size_t slash = relative.find('/');
    if (slash == std::string::npos) return false;
    const model::Kind* kind = model::kind_by_folder(std::string_view(relative).substr(0, slash));
    const std::string name = relative.substr(slash + 1);
    const FileName parts = split_file_name(name);
    if (kind == nullptr || !is_record_extension(parts.extension) || !is_safe_id(parts.stem)) return false;
    const int folder = tree.folder_fd(*kind);
    if (folder < 0) return false;
    struct stat info {};
    if (::fstatat(folder, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(info.st_mode)) return false;
    if (info.st_size != 0 && info.st_size != intended.size) return false;
    if (info.st_size != 0) {
        const std::optional<std::string> bytes = tree.read(*kind, name);
        if (!bytes || content_hash(*bytes) != intended.hash) return false;
    }
    return ::unlinkat(folder, name.c_str(), 0) == 0;
}

}  // namespace

void NewFilesJournal::append(const std::string& line) {
    if (!fd_) {
        fd_ = UniqueFd(::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644));
        if (!fd_) {
            throw Error(ErrorCode::io,
                        path_.string() + ": cannot create the export's journal: " + std::strerror(errno));
        }
        std::string generation = new_generation();
        write_all(fd_.get(), std::string(header) + generation + " " + store_ + "\n", path_.string());
        generation_ = std::move(generation);
    }
    // One write(2) a line: a kill cannot split it, and the file it names is
    // created only after it returns.
    write_all(fd_.get(), line, path_.string());
}

void NewFilesJournal::intend(std::string_view folder, std::string_view name, std::string_view bytes) {
    char hash[17];
    const auto [end, error] = std::to_chars(hash, hash + 16, content_hash(bytes), 16);
    std::string line = "+ " + std::to_string(bytes.size()) + " ";
    line.append(hash, end);
    line += " ";
    line += folder;
    line += "/";
    line += name;
    line += "\n";
    append(line);
}

void NewFilesJournal::cancel(std::string_view folder, std::string_view name) {
    append("- " + std::string(folder) + "/" + std::string(name) + "\n");
}

void NewFilesJournal::remove() {
    if (!fd_) return;
    fd_ = UniqueFd();
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT) {
        throw Error(ErrorCode::io, path_.string() + ": cannot remove the export's journal: " + std::strerror(errno));
    }
}

size_t recover_new_files(const std::filesystem::path& path, const WorkingTree& tree,
                         const RecordedGeneration& recorded_generation) {
    const std::optional<std::string> text = read_file_if_exists(path);
    if (!text) return 0;
    size_t removed = 0;
    const std::optional<ReadJournal> journal = parse(*text);
    if (journal && journal->generation != recorded_generation(journal->store)) {
        for (const auto& [relative, intended] : journal->files) {
            if (remove_if_meant(tree, relative, intended)) ++removed;
        }
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        throw Error(ErrorCode::io, path.string() + ": cannot remove a dead export's journal: " + std::strerror(errno));
    }
    return removed;
}

}  // namespace gittd::tree
