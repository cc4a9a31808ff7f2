#include "gittd/exchange/sync.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "gittd/db/td_database.hpp"
#include "gittd/db/td_lock.hpp"
#include "gittd/exchange/tree_feed.hpp"
#include "gittd/git/commit_writer.hpp"
#include "gittd/git/config.hpp"
#include "gittd/git/history.hpp"
#include "gittd/git/remote.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/git_tree_source.hpp"
#include "gittd/tree/git_tree_target.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::exchange {

namespace fs = std::filesystem;

const char* to_string(SyncMergeKind kind) {
    switch (kind) {
        case SyncMergeKind::up_to_date: return "up-to-date";
        case SyncMergeKind::no_remote: return "first-push";
        case SyncMergeKind::fast_forward: return "fast-forward";
        case SyncMergeKind::merged: return "merged";
        case SyncMergeKind::joined: return "joined";
    }
    return "?";
}

namespace {

// The sync branch holds only the tree, at its top.
constexpr const char* branch_tree_path = "";
// A second sync waits this long for the first before it gives up.
constexpr std::chrono::minutes sync_lock_wait{2};

// Sync's own state, beside the branch it agrees with: per repository, as
// the branch is (td shares one database across worktrees).
fs::path sync_dir(const Workspace& workspace) { return workspace.repo.common_dir / "git-td"; }
fs::path sync_base_path(const Workspace& workspace) { return sync_dir(workspace) / "sync-base.sqlite"; }

void check_branch_name(const std::string& branch) {
    const bool bad = branch.empty() || branch.front() == '-' || branch.front() == '/' || branch.back() == '/' ||
                     branch.find("..") != std::string::npos || branch.find("//") != std::string::npos ||
                     branch.size() > 200 || std::any_of(branch.begin(), branch.end(), [](unsigned char c) {
                         return !(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/');
                     });
    if (bad) {
        throw Error(ErrorCode::usage,
                    "'" + branch +
                        "' is no branch name git-td syncs to (letters, digits, '-', '_', '.' and '/', no '..' or '//', "
                        "not starting with '-' or '/'); pass --branch NAME");
    }
}

// Adds the seconds a step took to `total`, however it ends.
class StepTimer {
  public:
    explicit StepTimer(double& total) : total_(total), start_(std::chrono::steady_clock::now()) {}
    ~StepTimer() { total_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    StepTimer(const StepTimer&) = delete;
    StepTimer& operator=(const StepTimer&) = delete;

  private:
    double& total_;
    std::chrono::steady_clock::time_point start_;
};

std::string plural(size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

// Meta keys of the sync base: the commit it agrees with (the commit the
// database agrees with), and the branch that commit is for. The local
// branch moves to the agreed commit only once a round succeeded, so a
// failed sync leaves every ref as it was and the next one continues from
// the agreed commit (nothing td exported is lost). A branch that moved
// without git-td (a fetch into it, a commit in a worktree of it) is an
// arrival to import; one moved elsewhere, or another branch, is merged
// with td record by record (rejoin).
constexpr const char* agreed_key = "sync_agreed";
constexpr const char* branch_key = "sync_branch";

class Sync {
  public:
    Sync(const Workspace& workspace, const SyncOptions& options, Diagnostics& diagnostics)
        : workspace_(workspace), options_(options), diagnostics_(diagnostics) {}

    SyncReport run() {
        if (database_key(workspace_)) {
            throw Error(ErrorCode::usage, "git td sync shares the repository's own td database, not one named by --db");
        }
        check_tree_location(workspace_);
        const git::Config config(workspace_.git);
        report_.remote = options_.remote.value_or(config.get(sync_remote_key).value_or(default_sync_remote));
        report_.branch = options_.branch.value_or(config.get(sync_branch_key).value_or(default_sync_branch));
        check_branch_name(report_.branch);
        local_ref_ = "refs/heads/" + report_.branch;

        // A dry run writes nothing, not even the lock.
        std::optional<db::TdLock> lock;
        if (!options_.dry_run) {
            std::error_code ec;
            fs::create_directories(sync_dir(workspace_), ec);
            if (ec) throw Error(ErrorCode::io, sync_dir(workspace_).string() + ": cannot create: " + ec.message());
            lock.emplace(db::TdLock::acquire(sync_dir(workspace_) / "sync.lock",
                                             std::chrono::duration_cast<std::chrono::milliseconds>(sync_lock_wait),
                                             "git td sync (another sync of this repository)"));
        }
        // Before anything local changes: a missing remote or a failed fetch
        // changes nothing, not even a missing database.
        git::Remote remote(workspace_.git, report_.remote);
        remote.report_progress_to(options_.progress);
        const auto fetch = [&] {
            const StepTimer timer(report_.fetch_seconds);
            report_.remote_tip = remote.fetch(report_.branch);
        };
        fetch();
        if (database_missing(workspace_)) {
            if (options_.dry_run) {
                throw Error(ErrorCode::not_found, workspace_.database.string() +
                                                      ": no td database yet; run 'git td sync' without --dry-run "
                                                      "(it creates one as td init would)");
            }
            create_workspace_database(workspace_, false, {}, diagnostics_);
            report_.database_created = true;
        }
        db::TdDatabase database = db::TdDatabase::open(workspace_.database);
        std::optional<BaseStore> base = open_sync_base();

        std::optional<git::ObjectId> refused_at;  // the remote's tip when it last refused a push
        std::string refusal;
        for (int round = 1; round <= options_.max_rounds; ++round) {
            report_.rounds = round;
            if (round > 1) fetch();
            if (round == 1) agree_with_branch(database, *base);
            if (refused_at && report_.remote_tip == refused_at) {
                // It did not move: the remote refuses the push itself (a hook,
                // permissions, a protected branch). Another round would too.
                throw Error(ErrorCode::git, remote.describe() + " refused " + report_.branch + ": " + refusal +
                                                "; td's changes wait in this clone for the next 'git td sync'");
            }
            refuse_unrelated_history(remote);
            {
                const StepTimer timer(report_.export_seconds);
                export_onto_branch(database, *base);
            }
            std::optional<git::ObjectId> merged;
            {
                const StepTimer timer(report_.merge_seconds);
                merged = merge(remote);
            }
            if (options_.dry_run) return std::move(report_);
            // Published before it is imported: a push that fails leaves the
            // database and every ref as they were, and the next round
            // merges from the pending commit again (nothing is imported twice).
            if (options_.push && merged && merged != report_.remote_tip) {
                {
                    // What import would refuse is not published either.
                    const StepTimer timer(report_.import_seconds);
                    check_importable(database, *base, *merged);
                }
                std::optional<std::string> rejected;
                {
                    const StepTimer timer(report_.push_seconds);
                    rejected = remote.push(*merged, report_.branch, report_.remote_tip);
                }
                if (rejected) {
                    refused_at = report_.remote_tip;
                    refusal = *rejected;
                    if (round == options_.max_rounds) {
                        throw Error(ErrorCode::git,
                                    remote.describe() + " refused " + report_.branch + " " + std::to_string(round) +
                                        " times (" + *rejected +
                                        "); td's changes wait in this clone for the next 'git td sync'");
                    }
                    diagnostics_.warn(remote.describe() + " refused the push (" + *rejected +
                                      "); fetching and merging again");
                    continue;
                }
                report_.pushed = true;
            }
            {
                const StepTimer timer(report_.import_seconds);
                import_merged(database, *base, merged);
            }
            report_.tip = ours_;
            advance_branch(*base);
            if (!report_.pushed && report_.remote_tip) remote.track(report_.branch, *report_.remote_tip);
            return std::move(report_);
        }
        return std::move(report_);
    }

  private:
    // The sync base, and the commit the database agrees with: the local
    // branch, or a pending commit ahead of it that a failed or killed sync
    // left. Without either (a first sync, or the branch renamed away) the
    // base agreed with nothing that exists: it starts afresh.
    std::optional<BaseStore> open_sync_base() {
        const fs::path path = sync_base_path(workspace_);
        std::optional<BaseStore> base;
        if (options_.dry_run) {
            base.emplace(BaseStore::open_without_creating(path));
        } else {
            base.emplace(BaseStore::open(path));
        }
        const git::Repository& repository = workspace_.git;
        branch_tip_ = repository.resolve(local_ref_);
        std::optional<git::ObjectId> agreed;
        if (const auto text = base->meta(agreed_key)) agreed = git::ObjectId::from_hex(*text);
        if (agreed && !git::commit_exists(repository, *agreed)) agreed.reset();  // pruned long after a failure
        if (base->meta(branch_key).value_or(report_.branch) != report_.branch) agreed.reset();
        if (options_.rejoin) agreed.reset();

        if (agreed &&
            (!branch_tip_ || *agreed == *branch_tip_ || git::is_ancestor(repository, *branch_tip_, *agreed))) {
            ours_ = agreed;  // as agreed, or ahead of the branch after a failed round
        } else if (agreed && git::is_ancestor(repository, *agreed, *branch_tip_)) {
            ours_ = agreed;
            arrived_ = branch_tip_;  // moved forward without git-td: imported first
        } else {
            // Nothing agreed that still holds: start afresh. With a branch
            // (and not --rejoin) td is merged with it record by record;
            // without, this is a first sync, which joins the remote.
            if (!options_.dry_run && (base->count() > 0 || base->meta(agreed_key))) {
                base.reset();
                // It agreed with a branch that is gone: every record is compared again.
                remove_base_store(path, true);
                base.emplace(BaseStore::open(path));
            }
            if (branch_tip_ && !options_.rejoin) rejoin_with_ = branch_tip_;
        }
        first_sync_ = !ours_ && !rejoin_with_;
        return base;
    }

    // Brings the database to an agreement before the round: a branch that
    // moved forward without git-td is imported against the agreed commit;
    // a branch nothing agreed with is merged with td record by record (as a
    // first sync joins), so both what td changed and what the branch holds
    // survive, and the export that follows publishes the result.
    void agree_with_branch(db::TdDatabase& database, BaseStore& base) {
        if (options_.dry_run) return;
        if (arrived_) {
            import_merged(database, base, arrived_);
        } else if (rejoin_with_) {
            const tree::GitTreeSource source(workspace_.git, *rejoin_with_, branch_tree_path, true);
            refuse_untrusted_changes(workspace_.git, std::nullopt, *rejoin_with_, branch_tree_path);
            ImportOptions options;
            options.force = options_.force;
            options.session_id = options_.session_id;
            options.progress = options_.progress;
            import_tree(database, source, base, nullptr, options, diagnostics_);
            base.begin();
            base.set_meta(agreed_key, rejoin_with_->hex());
            base.set_meta(branch_key, report_.branch);
            base.commit();
            ours_ = rejoin_with_;
        }
    }

    // A remote branch that shares no history with ours was replaced (a
    // force-push): merging it would fork every record. Checked before this
    // clone exports anything, so nothing changes.
    void refuse_unrelated_history(const git::Remote& remote) const {
        if (first_sync_ || !ours_ || !report_.remote_tip) return;
        if (git::merge_base(workspace_.git, *ours_, *report_.remote_tip)) return;
        throw Error(ErrorCode::guard,
                    remote.describe() + " " + report_.branch + " shares no history with this clone's " +
                        report_.branch +
                        " (it was replaced, e.g. by a force-push); nothing was changed. To join it as a first "
                        "sync would (this database's records merge in, nothing is lost): 'git td sync --rejoin'");
    }

    // td's changes since the last agreement, as a commit on ours (the branch
    // does not move yet: agreed_key says where the database is).
    void export_onto_branch(db::TdDatabase& database, BaseStore& base) {
        const std::optional<git::ObjectId> tip = ours_;
        git::CommitWriter writer(workspace_.git);
        const auto write_blob = [&](std::string_view bytes) {
            return options_.dry_run ? git::blob_id(bytes) : writer.write_blob(bytes);
        };
        const auto land = [&](const std::vector<git::TreeUpdate>& updates) {
            const bool records = std::any_of(updates.begin(), updates.end(), [](const git::TreeUpdate& update) {
                return update.path != tree::tree_config_name;
            });
            // A new branch of no records would only fork the remote's history.
            if (updates.empty() || (!tip && !records)) return;
            std::vector<git::TreeUpdate> changes = updates;
            if (!tip ||
                !git::find_entry(workspace_.git, git::commit_tree(workspace_.git, *tip), tree::attributes_name)) {
                std::string text;
                for (const std::string& line : tree::record_attribute_lines()) text += line + "\n";
                changes.push_back({tree::attributes_name, writer.write_blob(text)});
            }
            const git::ObjectId tree = writer.updated_tree(tip, changes);
            if (tip && tree == git::commit_tree(workspace_.git, *tip)) return;
            std::vector<git::ObjectId> parents;
            if (tip) parents.push_back(*tip);
            const std::string message = "git-td sync: td's changes (" + plural(updates.size(), "file") + ")\n";
            const git::ObjectId commit = writer.commit(parents, tree, message, {"", std::nullopt, ""});
            // In the export's own transaction: the base never agrees with a
            // commit nothing points at.
            base.set_meta(agreed_key, commit.hex());
            base.set_meta(branch_key, report_.branch);
            report_.exported_commit = commit;
            ours_ = commit;
        };
        tree::GitTreeTarget target(workspace_.git, tip, branch_tree_path, write_blob, land);
        ExportOptions options;
        options.dry_run = options_.dry_run;
        options.force = options_.force;
        // Not the commit: the base follows the sync's own commits (agreed_key).
        options.target_state = ";sync";
        options.progress = options_.progress;
        if (!tip) {
            // A new branch takes the format this clone was set up with.
            if (const auto config = tree::read_tree_config(working_tree(workspace_))) {
                options.switch_format = config->format;
            }
        }
        report_.exported = export_tree(database, target, base, options, diagnostics_);
    }

    // The commit ours should become this round, written but named by no ref
    // yet; nullopt: nothing anywhere.
    std::optional<git::ObjectId> merge(const git::Remote& remote) {
        const std::optional<git::ObjectId> ours = ours_;
        const std::optional<git::ObjectId>& theirs = report_.remote_tip;
        const git::Repository& repository = workspace_.git;
        if (!theirs) {
            report_.merge = SyncMergeKind::no_remote;
            return ours;
        }
        if (!ours || git::is_ancestor(repository, *ours, *theirs)) {
            report_.merge = ours == theirs ? SyncMergeKind::up_to_date : SyncMergeKind::fast_forward;
            // A dry run commits nothing: what it would export makes this a merge.
            const bool would_commit = report_.exported.written + report_.exported.removed > 0;
            if (options_.dry_run && would_commit && ours && ours != theirs) {
                report_.merge = SyncMergeKind::merged;
                report_.merged = merge_sync_commits(repository, ours, *ours, *theirs, branch_tree_path,
                                                    [](std::string_view bytes) { return git::blob_id(bytes); });
            }
            return theirs;
        }
        if (git::is_ancestor(repository, *theirs, *ours)) {
            report_.merge = SyncMergeKind::up_to_date;
            return ours;
        }
        const std::optional<git::ObjectId> base = git::merge_base(repository, *ours, *theirs);
        report_.merge = base ? SyncMergeKind::merged : SyncMergeKind::joined;
        git::CommitWriter writer(repository);
        const auto write_blob = [&](std::string_view bytes) {
            return options_.dry_run ? git::blob_id(bytes) : writer.write_blob(bytes);
        };
        report_.merged = merge_sync_commits(repository, base, *ours, *theirs, branch_tree_path, write_blob);
        if (options_.dry_run) return std::nullopt;
        const git::ObjectId tree = writer.updated_tree(ours, report_.merged.updates);
        return writer.commit({*ours, *theirs}, tree, sync_merge_message(remote.describe(), report_.merged),
                             {"", std::nullopt, ""});
    }

    // Plans the import of `merged` without writing anything: every record
    // that would arrive read and checked, td's values and the delete guard
    // applied. Throws as the import would, naming the file.
    void check_importable(db::TdDatabase& database, BaseStore& base, const git::ObjectId& merged) {
        if (merged == ours_) return;
        Settlement settlement;
        Diagnostics quiet;  // the real import says it all again
        import_commit(database, base, merged, true, quiet, settlement);
    }

    // The merged commit into the database; it becomes ours.
    void import_merged(db::TdDatabase& database, BaseStore& base, const std::optional<git::ObjectId>& merged) {
        if (!merged || merged == ours_) return;
        Settlement settlement;
        report_.imported = import_commit(database, base, *merged, false, diagnostics_, settlement);
        base.begin();
        if (settlement.changes_store && !settlement.recorded) record_settlement(base, settlement);
        base.set_meta(agreed_key, merged->hex());
        base.set_meta(branch_key, report_.branch);
        base.commit();
        ours_ = merged;
    }

    // `commit` into the database (a plan only, with `dry_run`), three-way:
    // DESIGN §3's base of a record is its version in the merge base of the
    // commit the database agreed with (ours) and the new one, which descends
    // from it: ours' tree. Only what the commit brings is looked at
    // (`settlement`, settled at the commit).
    ImportReport import_commit(db::TdDatabase& database, BaseStore& base, const git::ObjectId& commit, bool dry_run,
                               Diagnostics& diagnostics, Settlement& settlement) {
        refuse_untrusted_changes(workspace_.git, ours_, commit, branch_tree_path);
        const tree::GitTreeSource source(workspace_.git, commit, branch_tree_path, true);
        std::optional<tree::GitTreeSource> history;
        if (ours_) history.emplace(workspace_.git, *ours_, branch_tree_path);
        settlement = settle_at_head(workspace_.git, branch_tree_path, base, commit);
        ImportOptions options;
        options.dry_run = dry_run;
        options.from_git = true;
        options.force = options_.force;
        options.session_id = options_.session_id;
        options.progress = options_.progress;
        return import_tree(database, source, base, history ? &*history : nullptr, options, diagnostics, &settlement);
    }

    // The local branch onto ours, compare-and-swap; then nothing is pending.
    void advance_branch(BaseStore& base) {
        if (ours_ && base.meta(agreed_key) != ours_->hex()) {
            base.begin();
            base.set_meta(agreed_key, ours_->hex());
            base.set_meta(branch_key, report_.branch);
            base.commit();
        }
        if (!ours_ || ours_ == branch_tip_) return;
        const std::string reflog = std::string("git-td sync: ") + to_string(report_.merge);
        git::move_ref(workspace_.git, *ours_, {local_ref_, branch_tip_, reflog});
        branch_tip_ = ours_;
    }

    const Workspace& workspace_;
    const SyncOptions& options_;
    Diagnostics& diagnostics_;
    SyncReport report_;
    std::string local_ref_;
    std::optional<git::ObjectId> branch_tip_;   // what the local branch names
    std::optional<git::ObjectId> ours_;         // the commit the database agrees with
    std::optional<git::ObjectId> arrived_;      // the branch moved past ours_ without git-td
    std::optional<git::ObjectId> rejoin_with_;  // the branch, when nothing agreed with it holds
    bool first_sync_ = false;
};

}  // namespace

SyncReport sync_workspace(const Workspace& workspace, const SyncOptions& options, Diagnostics& diagnostics) {
    return Sync(workspace, options, diagnostics).run();
}

}  // namespace gittd::exchange
