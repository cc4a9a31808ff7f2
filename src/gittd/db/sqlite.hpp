#pragma once
// Thin RAII over the SQLite C API. The only place (with sqlite.cpp) that
// includes sqlite3.h. Failures throw gittd::Error naming the database file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace gittd::db {

struct Blob {
    std::string bytes;
    bool operator==(const Blob&) const = default;
};

// One SQLite value with its storage class: NULL, INTEGER, REAL, TEXT, BLOB.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

class Statement;

class Connection {
  public:
    // Opens an existing database (never creates one). busy_timeout is td's 5000 ms.
    // The journal mode is left exactly as the file has it.
    static Connection open_existing(const std::filesystem::path& path);
    // Opens or creates (tests and the bench generator build databases from schema.sql).
    static Connection open_or_create(const std::filesystem::path& path);

    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // Rows the last INSERT, UPDATE or DELETE changed (sqlite3_changes).
    size_t changes() const;
    const std::filesystem::path& path() const { return path_; }
    // The main database file's bytes and size, through SQLite's own file
    // handle: opening the file again and closing it would drop the locks
    // SQLite holds on it (POSIX locks belong to the process, not the
    // descriptor). Inside a read transaction the file cannot change (in
    // rollback-journal mode). False / nullopt when the read fails or is short.
    bool read_main_file(void* out, int size, std::int64_t offset) const;
    std::optional<std::int64_t> main_file_size() const;
    [[noreturn]] void fail(std::string_view what) const;

  private:
    Connection(sqlite3* handle, std::filesystem::path path) : handle_(handle), path_(std::move(path)) {}
    void configure();  // what every connection git-td opens sets (busy timeout, temp store)
    sqlite3* handle_ = nullptr;
    std::filesystem::path path_;
    friend class Statement;
};

class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    void bind(int index, const Value& value);  // 1-based, like SQLite
    bool step();                               // true while a row is ready
    void reset();
    int column_count() const;
    Value column(int index) const;  // 0-based
    std::string column_text(int index) const;

  private:
    Statement(Connection& connection, sqlite3_stmt* handle) : connection_(&connection), handle_(handle) {}
    Connection* connection_;
    sqlite3_stmt* handle_;
    friend class Connection;
};

// Quotes an identifier for SQL ("name" with inner quotes doubled).
std::string quote_identifier(std::string_view name);

}  // namespace gittd::db
