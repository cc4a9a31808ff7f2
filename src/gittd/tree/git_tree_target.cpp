#include "gittd/tree/git_tree_target.hpp"

#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::tree {

namespace {

// The tree of a branch that has no commit yet: nothing in it.
class EmptySource final : public RecordSource {
  public:
    explicit EmptySource(std::string where) : where_(std::move(where)) {}
    std::string describe(std::string_view relative) const override {
        return where_ + (relative.empty() ? "" : "/" + std::string(relative));
    }
    std::optional<std::string> read_config() const override { return std::nullopt; }
    std::vector<std::string> folders() const override { return {}; }
    void list(const model::Kind&, const std::function<void(const SourceEntry&)>&) const override {}
    std::optional<SourceEntry> entry(const model::Kind&, std::string_view) const override { return std::nullopt; }
    std::optional<std::string> read(const model::Kind&, std::string_view) const override { return std::nullopt; }

  private:
    std::string where_;
};

}  // namespace

GitTreeTarget::GitTreeTarget(const git::Repository& repository, const std::optional<git::ObjectId>& commit,
                             std::string export_path, BlobWriter write_blob, Land land)
    : export_path_(std::move(export_path)), write_blob_(std::move(write_blob)), land_(std::move(land)) {
    if (commit) {
        commit_source_.emplace(repository, *commit, export_path_, true);
    } else {
        empty_source_ = std::make_unique<EmptySource>("(new branch):" + export_path_);
    }
}

const RecordSource& GitTreeTarget::source() const {
    if (commit_source_) return *commit_source_;
    return *empty_source_;
}

std::string GitTreeTarget::where() const { return source().describe(""); }

std::unordered_set<std::string> GitTreeTarget::record_files(const model::Kind& kind) const {
    std::unordered_set<std::string> files;
    source().list(kind, [&](const SourceEntry& entry) {
        if (!entry.regular) {
            throw Error(ErrorCode::untrusted,
                        source().describe(std::string(kind.folder) + "/" + std::string(entry.name)) +
                            ": not a plain file; git-td never follows a link or descends "
                            "into a folder there");
        }
        const auto [stem, extension] = split_file_name(entry.name);
        if (is_record_extension(extension) && is_safe_id(stem)) files.emplace(entry.name);
    });
    return files;
}

std::optional<FileStamp> GitTreeTarget::stamp(const model::Kind& kind, std::string_view name) const {
    const std::optional<SourceEntry> entry = source().entry(kind, name);
    if (!entry) return std::nullopt;
    return entry->stamp;
}

std::string GitTreeTarget::path_of(std::string_view relative) const {
    return export_path_.empty() ? std::string(relative) : export_path_ + "/" + std::string(relative);
}

FileStamp GitTreeTarget::stage(const model::Kind& kind, std::string_view name, std::string_view bytes) {
    const git::ObjectId blob = write_blob_(bytes);
    updates_.push_back({path_of(std::string(kind.folder) + "/" + std::string(name)), blob});
    return blob_stamp(blob);
}

void GitTreeTarget::remove(const model::Kind& kind, std::string_view name) {
    updates_.push_back({path_of(std::string(kind.folder) + "/" + std::string(name)), std::nullopt});
}

void GitTreeTarget::write_config(const TreeConfig& config) {
    updates_.push_back({path_of(tree_config_name), write_blob_(tree_config_text(config))});
}

}  // namespace gittd::tree
