#include "gittd/exchange/tree_scan.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "gittd/git/trees.hpp"
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

struct OtherFormatFile {
    std::string name, id;
    std::optional<FileStamp> stamp;
};

class KindScanner {
  public:
    KindScanner(const model::Kind& kind, const tree::RecordSource& source, format::Format format, BaseStore& base,
                const tree::RecordSource* history, const std::set<std::string>* only, ScanCounts& counts,
                Diagnostics& diagnostics)
        : kind_(kind),
          source_(source),
          format_(format),
          base_(base),
          history_(history),
          counts_(counts),
          diagnostics_(diagnostics),
          folder_(kind.folder),
          only_(only) {
        // Stamps only: a no-op import reads no record text, from the tree or the store.
        if (!only_) {
            known_ = base.load_stamps(folder_);
            return;
        }
        // A few records: a query each. Many (a first commit of the whole
        // tree): one query for the folder, as the full scan does.
        constexpr size_t one_query_each = 256;
        if (only_->size() > one_query_each) {
            std::unordered_map<std::string, BaseStamp> all = base.load_stamps(folder_);
            // Most of the folder (the first commit of a whole export): one
            // listing stats each file once; a lookup per candidate would
            // stat two names (both formats) each.
            list_candidates_ = 2 * only_->size() > all.size();
            for (const std::string& id : *only_) {
                if (auto found = all.find(id); found != all.end()) known_.emplace(id, found->second);
            }
            return;
        }
        for (const std::string& id : *only_) {
            if (std::optional<BaseStamp> stamp = base.stamp(folder_, id)) known_.emplace(id, *stamp);
        }
    }

    // Hands the scan to `take` in parts of at most `part_size` changes (the
    // last part also carries the restamped and stepped-back files), each
    // sorted by id.
    void run(size_t part_size, const std::function<void(KindScan)>& take) {
        part_size_ = part_size;
        take_ = &take;
        if (only_ && !list_candidates_) {
            for (const std::string& id : *only_) visit_candidate(id);
        } else {
            source_.list(kind_, [&](const tree::SourceEntry& entry) {
                if (!only_ || only_->count(std::string(tree::split_file_name(entry.name).stem))) visit(entry);
            });
        }
        for (const OtherFormatFile& file : other_format_files_) visit_other_format(file);
        for (const auto& [id, entry] : known_) {
            if (!entry.seen) vanished(id, entry.file);
        }
        hand_over(std::move(scan_));
    }

  private:
    void hand_over(KindScan part) {
        std::sort(part.changes.begin(), part.changes.end(),
                  [](const TreeChange& a, const TreeChange& b) { return a.id < b.id; });
        part.kind = &kind_;
        (*take_)(std::move(part));
    }

    void add_change(TreeChange change) {
        scan_.changes.push_back(std::move(change));
        if (scan_.changes.size() < part_size_) return;
        KindScan part;
        part.changes.swap(scan_.changes);
        part.last_part = false;
        hand_over(std::move(part));
    }

    // A record the tree feed named: its file in either format, as the
    // listing would have reported it.
    void visit_candidate(const std::string& id) {
        for (const format::Format format : {format_, format::other_format(format_)}) {
            const std::string name = tree::record_file_name(id, format);
            if (std::optional<tree::SourceEntry> entry = source_.entry(kind_, name)) visit(*entry);
        }
    }

    void visit(const tree::SourceEntry& entry) {
        // Named only when needed: a no-op scan of 240k files builds no path.
        auto path = [&] { return source_.describe(folder_ + "/" + std::string(entry.name)); };
        if (!entry.regular) throw Error(ErrorCode::invalid_input, path() + ": not a record file; remove it");
        const auto [stem, extension] = tree::split_file_name(entry.name);
        if (!tree::is_record_extension(extension)) {
            if (!is_temp_file_name(entry.name)) diagnostics_.warn(path() + ": not a record file; ignored");
            return;
        }
        const std::string id(stem);
        if (!is_safe_id(id)) require_safe_id(id, path() + ": file name");
        if (extension != format::extension(format_)) {
            // The other format: looked at once every file of this one is known.
            other_format_files_.push_back({std::string(entry.name), id, entry.stamp});
            return;
        }
        if (++files_ % 1000 == 0) report_progress(counts_.progress, "importing " + folder_, files_, 0);
        ++counts_.files;
        const auto known = known_.find(id);
        if (known != known_.end()) {
            known->second.seen = true;
            if (entry.stamp && known->second.file == *entry.stamp) return;  // unchanged, not read
        }
        read_changed(id, path(), entry.name, format_, entry.stamp, known != known_.end());
    }

    // Files in the format git-td.yaml no longer names (a pull brought a
    // format switch, decision 67): what this clone's last export wrote is the
    // record's base, not a change, and export converts it; a file changed
    // since is read in its own format and imported like any other.
    void visit_other_format(const OtherFormatFile& file) {
        const std::string path = source_.describe(folder_ + "/" + file.name);
        const format::Format format = format::other_format(format_);
        const auto known = known_.find(file.id);
        const std::string current_name = tree::record_file_name(file.id, format_);
        const bool has_current = source_.read(kind_, current_name).has_value();
        std::optional<std::string> bytes;
        bool as_agreed = known != known_.end() && file.stamp && known->second.file == *file.stamp;
        if (!as_agreed && known != known_.end()) {
            bytes = source_.read(kind_, file.name);
            const std::optional<std::string> agreed = base_.record(folder_, file.id);
            as_agreed = bytes && agreed && *bytes == format::encode(Document::parse(*agreed), format);
        }
        if (has_current) {
            if (as_agreed) return;  // a leftover beside the current file: export removes it
            throw Error(ErrorCode::invalid_input,
                        path + ": record " + file.id + " is also in " + current_name + " (git-td.yaml says " +
                            std::string(format::extension(format_)) + ") and this " +
                            std::string(format::extension(format)) + " file changed since the last import; " +
                            "carry its changes into " + current_name + " by hand and remove it");
        }
        ++counts_.files;
        if (known != known_.end()) {
            known->second.seen = true;
            if (as_agreed) return;  // as agreed: nothing to import; export rewrites it as the tree's format
        }
        read_changed(file.id, path, file.name, format, file.stamp, known != known_.end());
    }

    void read_changed(const std::string& id, const std::string& path, std::string_view name, format::Format format,
                      const std::optional<FileStamp>& stamp, bool known) {
        const std::string bytes = source_.read(kind_, name).value_or("");
        ++counts_.files_read;
        Document record = tree::check_record(kind_, format::decode(bytes, format, path), id, path, bytes);
        const std::string text = BaseStore::record_text(record);
        const std::optional<BaseStore::RecordAndBlob> agreed_entry =
            known ? base_.record_and_blob(folder_, id) : std::nullopt;
        const std::optional<std::string> agreed = agreed_entry ? std::optional(agreed_entry->record) : std::nullopt;
        if (agreed && *agreed == text) {
            if (stamp)
                scan_.restamped.push_back({id, text, *stamp, is_canonical(bytes, format, record, *agreed_entry)});
            return;
        }
        const auto agreed_record = [&]() -> std::optional<Document> {
            return agreed ? std::optional(Document::parse(*agreed)) : std::nullopt;
        };
        if (!history_) {
            add_change({id, std::move(record), agreed_record(), stamp});
            return;
        }
        const std::optional<HistoryFile> then_file = history_file(id);
        std::optional<Document> then = then_file ? read_history(*then_file) : std::nullopt;
        if (then_file && ((then_file->format == format && then_file->bytes == bytes) ||
                          (then && BaseStore::record_text(*then) == text))) {
            // As history has it: git put it back, nobody edited it.
            if (stamp) scan_.stepped_back.push_back({id, *stamp, agreed ? std::nullopt : std::optional(text)});
            return;
        }
        add_change({id, std::move(record), std::move(then), stamp, agreed_record()});
    }

    // Whether `bytes` (in `format`) are what export writes for `record` in
    // the tree's format: by the blob export kept, else by encoding it.
    bool is_canonical(const std::string& bytes, format::Format format, const Document& record,
                      const BaseStore::RecordAndBlob& agreed) const {
        if (format != format_) return false;
        if (!agreed.canonical_blob.empty())
            return agreed.canonical_blob == canonical_blob_key(format, git::blob_id(bytes));
        return bytes == format::encode(record, format);
    }

    // An agreed record whose file is gone: removed, if history had it.
    void vanished(const std::string& id, const FileStamp& stamp) {
        const std::optional<HistoryFile> then_file = history_file(id);
        if (!then_file) {
            // Absent in history too (or no history): never a deletion.
            if (stamp != FileStamp{}) scan_.stepped_back.push_back({id, FileStamp{}, std::nullopt});
            return;
        }
        std::optional<Document> agreed;
        if (auto text = base_.record(folder_, id)) agreed = Document::parse(*text);
        add_change({id, std::nullopt, read_history(*then_file), std::nullopt, std::move(agreed)});
    }

    // The record's file in the history base: in the tree's format, or in the
    // other one when the format changed since (the old files are the base).
    struct HistoryFile {
        std::string name, bytes;
        format::Format format;
    };
    std::optional<HistoryFile> history_file(const std::string& id) const {
        if (!history_) return std::nullopt;
        for (const format::Format format : {format_, format::other_format(format_)}) {
            std::string name = tree::record_file_name(id, format);
            if (auto bytes = history_->read(kind_, name))
                return HistoryFile{std::move(name), std::move(*bytes), format};
        }
        return std::nullopt;
    }

    // A record as the history base has it; one that does not read (a commit
    // that carried conflict markers, say) is no base at all.
    std::optional<Document> read_history(const HistoryFile& file) const {
        return format::try_decode(file.bytes, file.format, history_->describe(folder_ + "/" + file.name));
    }

    const model::Kind& kind_;
    const tree::RecordSource& source_;
    format::Format format_;
    BaseStore& base_;
    const tree::RecordSource* history_;
    ScanCounts& counts_;
    Diagnostics& diagnostics_;
    std::string folder_;
    const std::set<std::string>* only_;  // the tree feed's candidates, or every file
    bool list_candidates_ = false;       // find the candidates by listing the folder
    std::unordered_map<std::string, BaseStamp> known_;
    KindScan scan_;
    std::vector<OtherFormatFile> other_format_files_;
    size_t files_ = 0;  // of this kind, for progress
    size_t part_size_ = 0;
    const std::function<void(KindScan)>* take_ = nullptr;
};

}  // namespace

TreeScanner::TreeScanner(const tree::RecordSource& source, format::Format format, BaseStore& base,
                         const tree::RecordSource* history, ScanCounts& counts, Diagnostics& diagnostics,
                         const FeedCandidates* only)
    : source_(source),
      format_(format),
      base_(base),
      history_(history),
      counts_(counts),
      diagnostics_(diagnostics),
      only_(only) {
    check_tree_layout(source);
}

void TreeScanner::scan(const model::Kind& kind, size_t part_size, const std::function<void(KindScan)>& take) {
    static const std::set<std::string> none;
    const std::set<std::string>* ids = nullptr;
    if (only_) {
        const auto found = only_->ids.find(std::string(kind.folder));
        ids = found == only_->ids.end() ? &none : &found->second;
    }
    const size_t files_before = counts_.files;
    KindScanner(kind, source_, format_, base_, history_, ids, counts_, diagnostics_).run(part_size, take);
    const size_t files = counts_.files - files_before;
    if (files > 0) report_progress(counts_.progress, "importing " + std::string(kind.folder), files, files);
}

}  // namespace gittd::exchange
