#include "gittd/sync/base_store.hpp"

#include <sys/stat.h>

#include "gittd/util/error.hpp"

namespace gittd::sync {

std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return FileStamp{static_cast<std::int64_t>(info.st_size),
                     static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
                     static_cast<std::int64_t>(info.st_ino)};
}

BaseStore BaseStore::open(const std::filesystem::path& git_dir) {
    const std::filesystem::path dir = git_dir / "git-td";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(ErrorCode::io, dir.string() + ": cannot create: " + ec.message());
    BaseStore store(db::Connection::open_or_create(dir / "base.sqlite"));
    store.connection_.exec(
        "CREATE TABLE IF NOT EXISTS base ("
        "  folder TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL,"
        "  file_size INTEGER NOT NULL, file_mtime_ns INTEGER NOT NULL, file_inode INTEGER NOT NULL,"
        "  PRIMARY KEY (folder, id)) WITHOUT ROWID");
    return store;
}

std::unordered_map<std::string, BaseEntry> BaseStore::load(const std::string& folder) {
    db::Statement select = connection_.prepare(
        "SELECT id, record, file_size, file_mtime_ns, file_inode FROM base WHERE folder = ?1");
    select.bind(1, folder);
    std::unordered_map<std::string, BaseEntry> entries;
    while (select.step()) {
        BaseEntry entry;
        entry.record = select.column_text(1);
        entry.file = {std::get<std::int64_t>(select.column(2)), std::get<std::int64_t>(select.column(3)),
                      std::get<std::int64_t>(select.column(4))};
        entries.emplace(select.column_text(0), std::move(entry));
    }
    return entries;
}

void BaseStore::begin() { connection_.exec("BEGIN IMMEDIATE"); }
void BaseStore::commit() { connection_.exec("COMMIT"); }

void BaseStore::put(const std::string& folder, const std::string& id, const BaseEntry& entry) {
    if (!put_) {
        put_.emplace(connection_.prepare(
        "INSERT INTO base (folder, id, record, file_size, file_mtime_ns, file_inode) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (folder, id) DO UPDATE SET record = excluded.record, file_size = excluded.file_size, "
        "file_mtime_ns = excluded.file_mtime_ns, file_inode = excluded.file_inode"));
    }
    db::Statement& upsert = *put_;
    upsert.reset();
    upsert.bind(1, folder);
    upsert.bind(2, id);
    upsert.bind(3, entry.record);
    upsert.bind(4, entry.file.size);
    upsert.bind(5, entry.file.mtime_ns);
    upsert.bind(6, entry.file.inode);
    upsert.step();
}

void BaseStore::erase(const std::string& folder, const std::string& id) {
    if (!erase_) erase_.emplace(connection_.prepare("DELETE FROM base WHERE folder = ?1 AND id = ?2"));
    db::Statement& remove = *erase_;
    remove.reset();
    remove.bind(1, folder);
    remove.bind(2, id);
    remove.step();
}

}  // namespace gittd::sync
