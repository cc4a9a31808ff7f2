#include "gittd/exchange/importer.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "gittd/exchange/agreed_commit.hpp"
#include "gittd/exchange/import_pipeline.hpp"
#include "gittd/exchange/tree_feed.hpp"
#include "gittd/exchange/tree_lock.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/td/database_create.hpp"
#include "gittd/td/export_reader.hpp"
#include "gittd/tree/git_tree_source.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::exchange {

namespace fs = std::filesystem;

size_t ImportReport::count(ImportAction action) const {
    return static_cast<size_t>(
        std::count_if(changes.begin(), changes.end(), [&](const RecordChange& c) { return c.action == action; }));
}

namespace {

// The file of a record in `source`: in the tree's format, or in the other one
// when only that is there (decision 67). Used only in error messages.
RecordNamer record_file_namer(const tree::RecordSource& source, format::Format format) {
    return [&source, format](const model::Kind& kind, const std::string& id) {
        std::string name = tree::record_file_name(id, format);
        if (!source.read(kind, name)) {
            std::string other_name = tree::record_file_name(id, format::other_format(format));
            if (source.read(kind, other_name)) name = std::move(other_name);
        }
        return source.describe(std::string(kind.folder) + "/" + name);
    };
}

}  // namespace

ImportReport import_tree(db::TdDatabase& database, const tree::RecordSource& source, BaseStore& base,
                         const tree::RecordSource* history, const ImportOptions& options, Diagnostics& diagnostics,
                         Settlement* settlement) {
    const std::optional<tree::TreeConfig> config = tree::read_tree_config(source);
    if (!config) {
        throw Error(ErrorCode::not_found,
                    source.describe("") + ": no export tree (no git-td.yaml); run 'git td init' and 'git td export'");
    }
    ImportReport report;
    ScanCounts counts;
    counts.progress = options.progress;
    const FeedCandidates* only = nullptr;
    if (options.from_git && settlement && settlement->candidates) only = &*settlement->candidates;
    TreeScanner scanner(source, config->format, base, history, counts, diagnostics, only);
    ImportPipeline pipeline(database, &base, settlement, options, report, diagnostics,
                            record_file_namer(source, config->format));
    for (const model::Kind& kind : model::all_kinds()) {
        scanner.scan(kind, options.part_size, [&](KindScan part) { pipeline.add(std::move(part)); });
    }
    pipeline.finish();
    report.every_file = only == nullptr;
    report.files = counts.files;
    report.files_read = counts.files_read;
    return report;
}

ImportReport import_td_export(db::TdDatabase& database, const fs::path& file, const ImportOptions& options,
                              Diagnostics& diagnostics) {
    const auto bytes = read_file_if_exists(file);
    if (!bytes) throw Error(ErrorCode::not_found, file.string() + ": no such file");
    ImportReport report;
    std::vector<KindScan> scans;
    for (const model::Kind& kind : model::all_kinds()) scans.push_back({&kind, {}, {}});
    for (auto& [kind, record] : td::read_td_export(*bytes, file.string())) {
        ++report.files;
        const std::string id = record.value("id", "");
        scans[static_cast<size_t>(kind->id)].changes.push_back({id, std::move(record), std::nullopt, std::nullopt});
    }
    ImportPipeline pipeline(database, nullptr, nullptr, options, report, diagnostics,
                            [&file](const model::Kind&, const std::string&) { return file.string(); });
    for (KindScan& scan : scans) pipeline.add(std::move(scan));
    pipeline.finish();
    return report;
}

ImportReport import_workspace(const Workspace& workspace, const ImportOptions& options, Diagnostics& diagnostics) {
    check_tree_location(workspace);
    const TreeLock lock(workspace, diagnostics, options.dry_run);
    db::TdDatabase database = db::TdDatabase::open(workspace.database);
    BaseStore base = open_base_store(workspace, options.dry_run);
    const ImportHistory history = find_import_history(workspace);
    std::optional<tree::GitTreeSource> history_tree;
    if (history.base) history_tree.emplace(workspace.git, *history.base, export_path(workspace));
    // Settled at HEAD before the scan, so the records the feed names are
    // every one whose file may differ from what the database agreed.
    Settlement settlement;
    if (!options.dry_run) settlement = settle_at_head(workspace.git, export_path(workspace), base, history.head);
    ImportReport report = import_tree(database, working_tree(workspace), base, history_tree ? &*history_tree : nullptr,
                                      options, diagnostics, &settlement);
    if (settlement.changes_store && !settlement.recorded) {
        // Nothing to import: the settlement is all there is to keep.
        base.begin();
        record_settlement(base, settlement);
        base.commit();
    }
    // A postponed record still waits for its parent: it must stay a change
    // against the old base until that arrives.
    if (!options.dry_run && !options.steps_back_only && report.count(ImportAction::postponed) == 0) {
        advance_agreed_commit(workspace, history);
    }
    return report;
}

bool database_missing(const Workspace& workspace) {
    std::error_code ec;
    return !fs::exists(fs::symlink_status(workspace.database, ec));
}

namespace {

// A private directory under the system's temporary directory, removed with
// everything in it: where a dry run builds the database it would create.
class ScratchDir {
  public:
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "git-td-scratch-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw Error(ErrorCode::io, pattern + ": cannot create a scratch directory");
        }
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

}  // namespace

ImportReport create_workspace_database(const Workspace& workspace, bool import_tree_too, const ImportOptions& options,
                                       Diagnostics& diagnostics) {
    if (!database_missing(workspace)) {
        throw Error(ErrorCode::database, workspace.database.string() +
                                             ": a td database already exists; git-td creates one only where "
                                             "there is none");
    }
    ImportReport report;
    if (options.dry_run) {
        if (!import_tree_too) return report;
        const ScratchDir scratch;
        const td::NewDatabase fresh(scratch.path() / "issues.db");
        db::TdDatabase database = db::TdDatabase::open(fresh.temp_path());
        BaseStore empty_base = BaseStore::open_without_creating(scratch.path() / "base.sqlite");
        return import_tree(database, working_tree(workspace), empty_base, nullptr, options, diagnostics);
    }
    // Before the base store goes: what a killed export left is mended
    // against the store that knew of it.
    const TreeLock lock(workspace, diagnostics);
    td::NewDatabase fresh(workspace.database);
    const fs::path base_path = base_store_path(workspace);
    // A new database agrees with nothing yet: every record of the tree is new
    // to it (no history base, so nothing missing reads as a deletion).
    remove_base_store(base_path, true);
    forget_agreed_commit(workspace);
    if (import_tree_too) {
        db::TdDatabase database = db::TdDatabase::open(fresh.temp_path());
        BaseStore base = BaseStore::open(base_path);
        report = import_tree(database, working_tree(workspace), base, nullptr, options, diagnostics);
    }
    try {
        fresh.publish();
    } catch (const Error&) {
        // The base just written agreed with the database that was not put in place.
        if (import_tree_too) remove_base_store(base_path, false);
        throw;
    }
    if (import_tree_too) advance_agreed_commit(workspace, {workspace.git.resolve("HEAD"), std::nullopt, std::nullopt});
    return report;
}

}  // namespace gittd::exchange
