#include "gittd/exchange/tree_scan.hpp"

#include <algorithm>
#include <unordered_map>

#include "gittd/tree/record_check.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::exchange {

using format::Document;

namespace {

// Refuses folders that are not kinds: a typo there would otherwise be ignored.
void check_tree_layout(const tree::RecordSource& source) {
    for (const std::string& name : source.folders()) {
        if (!model::kind_by_folder(name)) {
            throw Error(ErrorCode::invalid_input,
                        source.describe(name) + ": unknown kind folder '" + name + "'; move it out of .todos/export");
        }
    }
}

class KindScanner {
  public:
    KindScanner(const model::Kind& kind, const tree::RecordSource& source, format::Format format, BaseStore& base,
                const tree::RecordSource* history, ScanCounts& counts, Diagnostics& diagnostics)
        : kind_(kind),
          source_(source),
          format_(format),
          base_(base),
          history_(history),
          counts_(counts),
          diagnostics_(diagnostics),
          folder_(kind.folder),
          // Stamps only: a no-op import reads no record text, from the tree or the store.
          known_(base.load_stamps(folder_)) {}

    KindScan run() {
        source_.list(kind_, [&](const tree::SourceEntry& entry) { visit(entry); });
        for (const auto& [id, entry] : known_) {
            if (!entry.seen) vanished(id, entry.file);
        }
        std::sort(scan_.changes.begin(), scan_.changes.end(),
                  [](const TreeChange& a, const TreeChange& b) { return a.id < b.id; });
        scan_.kind = &kind_;
        return std::move(scan_);
    }

  private:
    void visit(const tree::SourceEntry& entry) {
        // Named only when needed: a no-op scan of 240k files builds no path.
        auto path = [&] { return source_.describe(folder_ + "/" + std::string(entry.name)); };
        if (!entry.regular) throw Error(ErrorCode::invalid_input, path() + ": not a record file; remove it");
        const auto [stem, extension] = tree::split_file_name(entry.name);
        if (!tree::is_record_extension(extension)) {
            if (!is_temp_file_name(entry.name)) diagnostics_.warn(path() + ": not a record file; ignored");
            return;
        }
        const std::string_view expected = format::extension(format_);
        if (extension != expected) {
            throw Error(ErrorCode::invalid_input, path() + ": a " + std::string(extension) + " file in a " +
                                                      std::string(expected) + " tree; run 'git td export --" +
                                                      std::string(expected) + "' to convert");
        }
        const std::string id(stem);
        if (!is_safe_id(id)) require_safe_id(id, path() + ": file name");
        ++counts_.files;
        const auto known = known_.find(id);
        if (known != known_.end()) {
            known->second.seen = true;
            if (entry.stamp && known->second.file == *entry.stamp) return;  // unchanged, not read
        }
        read_changed(id, path(), entry, known != known_.end());
    }

    void read_changed(const std::string& id, const std::string& path, const tree::SourceEntry& entry, bool known) {
        const std::string bytes = source_.read(kind_, entry.name).value_or("");
        ++counts_.files_read;
        Document record = tree::check_record(kind_, format::decode(bytes, format_, path), id, path, bytes);
        const std::string text = BaseStore::record_text(record);
        const std::optional<std::string> agreed = known ? base_.record(folder_, id) : std::nullopt;
        if (agreed && *agreed == text) {
            if (entry.stamp) scan_.restamped.push_back({id, text, *entry.stamp});
            return;
        }
        std::optional<Document> agreed_record;
        if (agreed) agreed_record = Document::parse(*agreed);
        if (!history_) {
            scan_.changes.push_back({id, std::move(record), std::move(agreed_record), entry.stamp});
            return;
        }
        const std::optional<std::string> then_bytes = history_->read(kind_, entry.name);
        std::optional<Document> then = then_bytes ? read_history(*then_bytes, std::string(entry.name)) : std::nullopt;
        if (then_bytes && (*then_bytes == bytes || (then && BaseStore::record_text(*then) == text))) {
            // As history has it: git put it back, nobody edited it.
            if (entry.stamp) {
                scan_.stepped_back.push_back({id, *entry.stamp, agreed ? std::nullopt : std::optional(text)});
            }
            return;
        }
        scan_.changes.push_back({id, std::move(record), std::move(then), entry.stamp, std::move(agreed_record)});
    }

    // An agreed record whose file is gone: removed, if history had it.
    void vanished(const std::string& id, const FileStamp& stamp) {
        const std::string name = tree::record_file_name(id, format_);
        const std::optional<std::string> then_bytes = history_ ? history_->read(kind_, name) : std::nullopt;
        if (!then_bytes) {
            // Absent in history too (or no history): never a deletion.
            if (stamp != FileStamp{}) scan_.stepped_back.push_back({id, FileStamp{}, std::nullopt});
            return;
        }
        std::optional<Document> agreed;
        if (auto text = base_.record(folder_, id)) agreed = Document::parse(*text);
        scan_.changes.push_back({id, std::nullopt, read_history(*then_bytes, name), std::nullopt, std::move(agreed)});
    }

    // A record as the history base has it; one that does not read (a commit
    // that carried conflict markers, say) is no base at all.
    std::optional<Document> read_history(const std::string& bytes, const std::string& name) const {
        return format::try_decode(bytes, format_, history_->describe(folder_ + "/" + name));
    }

    const model::Kind& kind_;
    const tree::RecordSource& source_;
    format::Format format_;
    BaseStore& base_;
    const tree::RecordSource* history_;
    ScanCounts& counts_;
    Diagnostics& diagnostics_;
    std::string folder_;
    std::unordered_map<std::string, BaseStamp> known_;
    KindScan scan_;
};

}  // namespace

std::vector<KindScan> scan_tree(const tree::RecordSource& source, format::Format format, BaseStore& base,
                                const tree::RecordSource* history, ScanCounts& counts, Diagnostics& diagnostics) {
    check_tree_layout(source);
    std::vector<KindScan> scans;
    for (const model::Kind& kind : model::all_kinds()) {
        scans.push_back(KindScanner(kind, source, format, base, history, counts, diagnostics).run());
    }
    return scans;
}

}  // namespace gittd::exchange
