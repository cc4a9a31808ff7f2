#include "gittd/exchange/importer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "gittd/db/td_lock.hpp"
#include "gittd/exchange/import_apply.hpp"
#include "gittd/exchange/tree_scan.hpp"
#include "gittd/td/cascade.hpp"
#include "gittd/td/export_reader.hpp"
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

// td's lock and one transaction around the plan and its writes: BEGIN
// IMMEDIATE for a real import, a plain read transaction for a dry run (which
// takes no lock). Rolled back unless commit() is reached.
class ImportTransaction {
  public:
    ImportTransaction(db::TdDatabase& database, bool dry_run) : connection_(database.connection()) {
        if (dry_run) {
            connection_.exec("BEGIN");
            return;
        }
        lock_.emplace(db::TdLock::acquire(db::lock_path_for(database.path())));
        manual_cascade_ = td::enable_foreign_keys(connection_);
        connection_.exec("BEGIN IMMEDIATE");
    }
    ~ImportTransaction() {
        if (done_) return;
        try {
            connection_.exec("ROLLBACK");
        } catch (const Error&) {
        }
    }
    ImportTransaction(const ImportTransaction&) = delete;
    ImportTransaction& operator=(const ImportTransaction&) = delete;

    bool manual_cascade() const { return manual_cascade_; }
    void commit() {
        connection_.exec("COMMIT");
        done_ = true;
    }

  private:
    db::Connection& connection_;
    std::optional<db::TdLock> lock_;
    bool manual_cascade_ = false;
    bool done_ = false;
};

void pause_for_tests() {
    if (const char* pause = std::getenv("GITTD_TEST_PAUSE_BEFORE_COMMIT")) {
        // Lets a test kill the process inside the transaction.
        std::fprintf(stderr, "git-td: paused before commit\n");
        ::sleep(static_cast<unsigned>(std::atoi(pause)));
    }
}

void report_plan(const ImportPlan& plan, ImportReport& report, Diagnostics& diagnostics) {
    for (const RecordPlan& record : plan.records) {
        if (record.action == ImportAction::none) continue;
        report.changes.push_back({std::string(record.kind->folder), record.id, record.action, record.reason});
        if (record.action == ImportAction::kept) {
            diagnostics.warn(std::string(record.kind->folder) + "/" + record.id +
                             ": removed from the tree but changed here; kept (export will write it back)");
        }
    }
}

bool has_changes(const std::vector<KindScan>& scans) {
    return std::any_of(scans.begin(), scans.end(),
                       [](const KindScan& s) { return !s.changes.empty() || !s.restamped.empty(); });
}

// Plans and applies `scans`; moves `base` when given (records from the tree).
void run_import(db::TdDatabase& database, std::vector<KindScan>& scans, BaseStore* base, const ImportOptions& options,
                ImportReport& report, Diagnostics& diagnostics) {
    if (!has_changes(scans)) return;
    ImportTransaction transaction(database, options.dry_run);
    const ImportPlan plan = plan_import(database, scans, diagnostics);
    plan.check_delete_guard(options.force);
    report_plan(plan, report, diagnostics);
    if (options.dry_run) return;
    report.new_conflicts = apply_plan(database, plan, {options.session_id, transaction.manual_cascade()}, diagnostics);
    pause_for_tests();
    transaction.commit();
    if (base) update_base(*base, plan, scans);
}

}  // namespace

ImportReport import_tree(db::TdDatabase& database, const tree::RecordSource& source, BaseStore& base,
                         const ImportOptions& options, Diagnostics& diagnostics) {
    const std::optional<tree::TreeConfig> config = tree::read_tree_config(source);
    if (!config) {
        throw Error(ErrorCode::not_found,
                    source.describe("") + ": no export tree (no git-td.yaml); run 'git td init' and 'git td export'");
    }
    ImportReport report;
    ScanCounts counts;
    std::vector<KindScan> scans = scan_tree(source, config->format, base, counts, diagnostics);
    report.files = counts.files;
    report.files_read = counts.files_read;
    run_import(database, scans, &base, options, report, diagnostics);
    return report;
}

ImportReport import_td_export(db::TdDatabase& database, const fs::path& file, const ImportOptions& options,
                              Diagnostics& diagnostics) {
    const auto bytes = read_file_if_exists(file);
    if (!bytes) throw Error(ErrorCode::not_found, file.string() + ": no such file");
    ImportReport report;
    std::vector<KindScan> scans;
    for (const model::Kind& kind : model::all_kinds()) scans.push_back({&kind, {}, {}});
    for (auto& [kind, record] : td::read_td_export(*bytes, file.string(), diagnostics)) {
        ++report.files;
        const std::string id = record.value("id", "");
        scans[static_cast<size_t>(kind->id)].changes.push_back({id, std::move(record), std::nullopt, std::nullopt});
    }
    run_import(database, scans, nullptr, options, report, diagnostics);
    return report;
}

ImportReport import_workspace(const Workspace& workspace, const ImportOptions& options, Diagnostics& diagnostics) {
    check_tree_location(workspace);
    db::TdDatabase database = db::TdDatabase::open(workspace.database);
    BaseStore base = open_base_store(workspace, options.dry_run);
    return import_tree(database, working_tree(workspace), base, options, diagnostics);
}

}  // namespace gittd::exchange
