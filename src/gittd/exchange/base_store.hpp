#pragma once
// The base (DESIGN §3): for every record, the version the database and the
// tree last agreed on, kept under the worktree's git dir (see
// base_store_path in workspace.hpp), never committed. Import and export update
// it in the same step as the writes that agreed it. Each entry also keeps the
// stat of the tree file at that moment, so an unchanged file is recognised
// without being read.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "gittd/db/row_fingerprints.hpp"
#include "gittd/db/sqlite.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/format/document.hpp"
#include "gittd/git/object_id.hpp"
#include "gittd/tree/file_stamp.hpp"

namespace gittd::exchange {

using tree::FileStamp;

struct BaseEntry {
    std::string record;  // canonical compact JSON of the agreed document (with its conflicts)
    FileStamp file;      // the tree file's stamp when agreed
    // Digest of the database row's raw values when agreed (0: unknown, e.g.
    // after an import): lets export skip an unchanged row without converting it.
    std::uint64_t row_digest = 0;
    // canonical_blob_key of the file export writes for `record` (empty:
    // unknown, e.g. after an import): lets settling at a commit compare ids
    // instead of encoding the record again (tree_feed.hpp).
    std::string canonical_blob = {};
};

// An entry's canonical blob: the format's extension, ':', and the git blob
// id (raw bytes) of the record's canonical file in that format.
std::string canonical_blob_key(format::Format format, const git::ObjectId& blob);

// What import's scan needs of an entry: is the file as it was when agreed?
// `seen` is the scan's own mark (the file is still there).
struct BaseStamp {
    FileStamp file;
    bool seen = false;
};

// What export needs of an entry without holding 240k record texts in memory.
struct BaseSummary {
    FileStamp file;
    std::uint64_t row_digest = 0;
    bool has_conflicts = false;
};

// One record of the store: its kind folder and id.
struct RecordKey {
    std::string folder, id;
    bool operator==(const RecordKey&) const = default;
    bool operator<(const RecordKey& other) const { return std::tie(folder, id) < std::tie(other.folder, other.id); }
};

// Removes the store at `path` and the files SQLite keeps beside it (a store
// that agreed with a database or a branch that is gone); `strict`: a file
// that cannot be removed is Error(io).
void remove_base_store(const std::filesystem::path& path, bool strict);

class BaseStore {
  public:
    // Opens (creating if needed) the store at `path` (see base_store_path).
    static BaseStore open(const std::filesystem::path& path);
    // For dry runs: the existing store read-only, or an empty in-memory one,
    // so that a dry run leaves no trace even in the git dir.
    static BaseStore open_without_creating(const std::filesystem::path& path);

    // Every entry of one kind folder, by id (loaded once per command); the
    // record texts stay in the store until record() asks for one.
    std::unordered_map<std::string, BaseStamp> load_stamps(const std::string& folder);
    std::unordered_map<std::string, BaseSummary> load_summaries(const std::string& folder);
    std::optional<std::string> record(const std::string& folder, const std::string& id);
    // The record and its canonical blob (empty when unknown).
    struct RecordAndBlob {
        std::string record, canonical_blob;
    };
    std::optional<RecordAndBlob> record_and_blob(const std::string& folder, const std::string& id);
    // Only the canonical blob (empty when unknown), nullopt without an
    // entry: settling 80k records needs no record text when the blobs agree.
    std::optional<std::string> canonical_blob(const std::string& folder, const std::string& id);
    // Every entry's canonical blob in one kind folder, by id (empty when unknown).
    std::unordered_map<std::string, std::string> load_canonical_blobs(const std::string& folder);
    // One entry's summary, for an export that reads a few changed rows.
    std::optional<BaseSummary> summary(const std::string& folder, const std::string& id);
    std::optional<BaseStamp> stamp(const std::string& folder, const std::string& id);
    size_t count();
    std::vector<RecordKey> keys();  // every entry's, sorted

    // Records whose agreed version may differ from what the settled commit's
    // tree holds (exchange/tree_feed.hpp): every put, erase or change of a
    // record adds it (a trigger, so no writer can forget); settling removes it.
    std::vector<RecordKey> unsettled();
    void set_settled(const RecordKey& key, bool settled);
    void settle_every_record();  // empties the unsettled list
    // Whether some agreed record's file has a stamp in `folder` (the tree had
    // it when last agreed).
    bool has_files_in(const std::string& folder);

    // Small named values (the database stamp of the last export, …).
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

    // The td database's row fingerprints as the last export read them, by
    // table (empty when none were kept), and the ones to keep now.
    std::map<std::string, std::vector<db::RowFingerprint>> row_fingerprints();
    // Setting them forgets what imports did since the last ones (the rows
    // they inserted, the records to visit): the export that sets them saw it.
    void set_row_fingerprints(const std::vector<db::TableFingerprints>& tables);
    // The rowids, by table, that imports inserted since the fingerprints
    // were taken (in the step that moved their entries; table "*": some
    // import could not say which), and adding to them.
    std::map<std::string, std::set<std::int64_t>> rows_inserted_by_import();
    void add_rows_inserted_by_import(const std::string& table, const std::vector<std::int64_t>& rowids);
    // The records export must convert and compare whether or not the
    // database file shows a change: entries whose row digest is unknown
    // (import's), and records whose entry import erased while their row
    // stays (visits).
    std::vector<RecordKey> export_pending();  // sorted
    bool has_export_pending();
    void add_export_visit(const std::string& folder, const std::string& id);
    bool is_export_visit(const std::string& folder, const std::string& id);

    // Changes when another process committed to the store since the last
    // call (SQLite's PRAGMA data_version): a settlement computed before then
    // may be stale.
    std::uint64_t data_version();

    void begin();
    // A read-only transaction: many reads see one state and take SQLite's
    // lock once, not once each (commit() or rollback() ends it).
    void begin_read();
    void rollback();
    void put(const std::string& folder, const std::string& id, const BaseEntry& entry);
    void erase(const std::string& folder, const std::string& id);
    // Keeps an entry's record under a new file stamp and forgets its row
    // digest (the next export converts the row and rewrites the file).
    void restamp(const std::string& folder, const std::string& id, const FileStamp& file);
    // Keeps an entry's record and row digest under a new file stamp: the
    // file holds the agreed record's bytes (touched, checked out again).
    void refresh_stamp(const std::string& folder, const std::string& id, const FileStamp& file);
    void commit();

    static std::string record_text(const format::Document& record) { return record.dump(); }

  private:
    explicit BaseStore(db::Connection connection) : connection_(std::move(connection)) {}
    void create_schema();
    void set_stamp(const std::string& folder, const std::string& id, const FileStamp& file, bool keep_row_digest);
    db::Connection connection_;
    // Prepared once: a full export puts 240k rows, a first settle marks as many.
    std::optional<db::Statement> put_, erase_, record_and_blob_, canonical_blob_, restamp_, refresh_stamp_, settle_,
        unsettle_;
};

}  // namespace gittd::exchange
