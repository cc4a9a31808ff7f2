#pragma once
// td's database made by git-td where there is none: a fresh clone has no
// `.todos/issues.db`, and `td init` refuses there because `.todos/` exists (it
// holds the committed export tree). The result is the database a fresh
// `td init` of td v0.62.0 makes: the same sqlite_master (td's own CREATE
// texts, schema/td-schema-38.sql, compiled in), schema_info version 38 and the
// built-in board bd-all-issues. td's journal mode (TRUNCATE) and its other
// pragmas are per connection, not stored in the file; td sets them whenever it
// opens the database.
//
// The database is built complete in a temporary file beside its final path
// and only then linked into place under td's lock, never over an existing
// file: a killed process leaves no half database (only a temporary, which the
// next run removes), and a database td or another git-td made meanwhile is
// never replaced.
#include <filesystem>
#include <string_view>

namespace gittd::td {

// The schema version the database is created at.
inline constexpr int created_schema_version = 38;

// The text of schema/td-schema-38.sql (one transaction: the tables, indexes
// and seed rows).
std::string_view schema_sql();

// A database under construction. The constructor builds it in the temporary
// file; a caller may fill it further (import the tree into it) through
// temp_path() before publish() puts it in place. Destroyed unpublished, it
// removes its temporary.
class NewDatabase {
  public:
    // Creates the parent directory (`.todos/`) if needed, removes temporaries
    // that killed runs left beside `path`, and builds the database. Throws
    // Error(database) when `path` already exists.
    explicit NewDatabase(std::filesystem::path path);
    ~NewDatabase();
    NewDatabase(const NewDatabase&) = delete;
    NewDatabase& operator=(const NewDatabase&) = delete;

    const std::filesystem::path& path() const { return path_; }
    const std::filesystem::path& temp_path() const { return temp_; }

    // Under td's lock (`db.lock` beside the database, as td's writers take
    // it), links the finished file to `path` and removes the temporary name.
    // Every connection to temp_path() must be closed first. Throws
    // Error(database) when a database appeared at `path` meanwhile (it is
    // left alone).
    void publish();

  private:
    std::filesystem::path path_, temp_;
    bool published_ = false;
};

// NewDatabase(path).publish(): td's empty database at `path`, made as `td
// init` would make it. Refuses (Error(database)) when `path` exists.
void create_database(const std::filesystem::path& path);

}  // namespace gittd::td
