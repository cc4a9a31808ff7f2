#include "gittd/db/sqlite.hpp"

#include <sqlite3.h>

#include <utility>

#include "gittd/util/error.hpp"

namespace gittd::db {

Connection Connection::open_existing(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw Error(ErrorCode::not_found, path.string() + ": no td database here; run 'td init' or pass --db PATH");
    }
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
    Connection connection(handle, path);
    if (rc != SQLITE_OK) connection.fail("cannot open database");
    connection.configure();
    return connection;
}

Connection Connection::open_or_create(const std::filesystem::path& path) {
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Connection connection(handle, path);
    if (rc != SQLITE_OK) connection.fail("cannot open database");
    connection.configure();
    return connection;
}

void Connection::configure() {
    sqlite3_busy_timeout(handle_, 5000);
    // Statement journals (an upsert inside a long transaction writes one
    // per statement) and RETURNING's buffers in memory, not in /var/tmp: a
    // full import wrote 1.6 million pages to temporary files. Per connection;
    // the database file is not changed.
    exec("PRAGMA temp_store = MEMORY");
}

Connection::Connection(Connection&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), path_(std::move(other.path_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (handle_) sqlite3_close_v2(handle_);
        handle_ = std::exchange(other.handle_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

Connection::~Connection() {
    if (handle_) sqlite3_close_v2(handle_);
}

void Connection::fail(std::string_view what) const {
    const int code = handle_ ? sqlite3_errcode(handle_) : SQLITE_NOMEM;
    std::string message =
        path_.string() + ": " + std::string(what) + ": " + (handle_ ? sqlite3_errmsg(handle_) : "out of memory");
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        throw Error(ErrorCode::locked, message + " (another process holds the database; retry)");
    }
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
        throw Error(ErrorCode::database, message + " (is this a td database?)");
    }
    throw Error(ErrorCode::database, message);
}

size_t Connection::changes() const { return static_cast<size_t>(sqlite3_changes(handle_)); }

namespace {
sqlite3_file* main_file(sqlite3* handle) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK) return nullptr;
    return file && file->pMethods ? file : nullptr;
}
}  // namespace

bool Connection::read_main_file(void* out, int size, std::int64_t offset) const {
    sqlite3_file* file = main_file(handle_);
    return file && file->pMethods->xRead(file, out, size, offset) == SQLITE_OK;
}

std::optional<std::int64_t> Connection::main_file_size() const {
    sqlite3_file* file = main_file(handle_);
    sqlite3_int64 size = 0;
    if (!file || file->pMethods->xFileSize(file, &size) != SQLITE_OK) return std::nullopt;
    return size;
}

void Connection::exec(std::string_view sql) {
    std::string text(sql);
    char* error = nullptr;
    if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        sqlite3_free(error);
        fail("cannot run '" + text.substr(0, 60) + "'");
    }
}

Statement Connection::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
        fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
    }
    return Statement(*this, statement);
}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), handle_(std::exchange(other.handle_, nullptr)) {}

Statement::~Statement() {
    if (handle_) sqlite3_finalize(handle_);
}

void Statement::bind(int index, const Value& value) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(value)) {
        rc = sqlite3_bind_null(handle_, index);
    } else if (auto* i = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(handle_, index, *i);
    } else if (auto* d = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(handle_, index, *d);
    } else if (auto* s = std::get_if<std::string>(&value)) {
        rc = sqlite3_bind_text64(handle_, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else {
        const auto& b = std::get<Blob>(value);
        rc = sqlite3_bind_blob64(handle_, index, b.bytes.data(), b.bytes.size(), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) connection_->fail("cannot bind a value");
}

bool Statement::step() {
    const int rc = sqlite3_step(handle_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    connection_->fail("statement failed");
}

void Statement::reset() {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
}

int Statement::column_count() const { return sqlite3_column_count(handle_); }

Value Statement::column(int index) const {
    switch (sqlite3_column_type(handle_, index)) {
        case SQLITE_NULL: return std::monostate{};
        case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(handle_, index));
        case SQLITE_FLOAT: return sqlite3_column_double(handle_, index);
        case SQLITE_TEXT: return column_text(index);
        default: {
            const void* data = sqlite3_column_blob(handle_, index);
            const int size = sqlite3_column_bytes(handle_, index);
            return Blob{std::string(static_cast<const char*>(data), static_cast<size_t>(size))};
        }
    }
}

std::string Statement::column_text(int index) const {
    const unsigned char* text = sqlite3_column_text(handle_, index);
    const int size = sqlite3_column_bytes(handle_, index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : std::string();
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace gittd::db
