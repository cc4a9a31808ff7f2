// gen_tddb: builds a td database (schema 38) for the benchmarks.
//
//   gen_tddb SCHEMA.sql OUT.db N_ISSUES [CORPUS.jsonl...]
//
// Each issue gets 5 logs, 1 handoff and 1 comment (DESIGN.md section 7).
// Text comes from the beads JSONL corpora (default: every *.jsonl in
// SCHEMA.sql's ../realdata/beads), so the YAML writer meets real-world
// titles and multi-line descriptions: code fences, unicode, leading spaces.
//
// The output is a function of the arguments only: a private PRNG (splitmix64,
// not <random>'s distributions, whose results differ between standard
// libraries) with a fixed seed, and corpus files read in sorted order.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Rng {
    uint64_t state = 0x7d5eed'2026'0404ULL;
    uint64_t next() {
        uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }
};

struct Corpus {
    std::vector<std::string> titles, descriptions;
};

Corpus load_corpus(const std::vector<fs::path>& files) {
    Corpus corpus;
    for (const fs::path& file : files) {
        std::ifstream in(file);
        if (!in) throw std::runtime_error(file.string() + ": cannot read");
        std::string line;
        while (std::getline(in, line)) {
            const auto record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
            if (!record.is_object()) continue;
            const auto title = record.find("title");
            const auto description = record.find("description");
            if (title == record.end() || !title->is_string() || description == record.end() ||
                !description->is_string()) {
                continue;
            }
            corpus.titles.push_back(title->get<std::string>());
            // Empty descriptions are kept: td issues often have none.
            corpus.descriptions.push_back(description->get<std::string>());
        }
    }
    if (corpus.titles.empty()) throw std::runtime_error("corpus has no records with title and description");
    return corpus;
}

// First non-empty line of a text, for one-line log messages and list items.
std::string first_line(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t") != std::string::npos) return line;
    }
    return text;
}

class Ids {
  public:
    explicit Ids(Rng& rng) : rng_(rng) {}
    std::string make(const char* prefix, int hex_digits) {
        static const char digits[] = "0123456789abcdef";
        for (;;) {
            std::string id = prefix;
            for (int i = 0; i < hex_digits; ++i) id += digits[rng_.below(16)];
            if (used_.insert(id).second) return id;
        }
    }

  private:
    Rng& rng_;
    std::unordered_set<std::string> used_;
};

struct Zone {
    int offset_minutes;
    const char* abbreviation;  // for the legacy Go time.String() form
};
const std::vector<Zone> zones = {{-7 * 60, "PDT"}, {-4 * 60, "EDT"}, {0, "UTC"}, {60, "CET"}, {5 * 60 + 30, "IST"}};

// td's timestamp text for an instant (seconds since the epoch + nanoseconds).
// Mostly `YYYY-MM-DD HH:MM:SS.fffffffff±HH:MM` (fraction trimmed as Go does);
// 3% in the legacy `time.String()` form older td versions stored.
std::string td_timestamp(Rng& rng, int64_t seconds, long nanos) {
    const Zone& zone = rng.pick(zones);
    const time_t local = static_cast<time_t>(seconds + zone.offset_minutes * 60);
    std::tm tm{};
    gmtime_r(&local, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    const char sign = zone.offset_minutes < 0 ? '-' : '+';
    const int hours = std::abs(zone.offset_minutes) / 60, minutes = std::abs(zone.offset_minutes) % 60;
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%09ld", nanos);
    std::string frac(fraction);
    char out[96];
    if (rng.chance(3)) {
        std::snprintf(out, sizeof out, "%s%s %c%02d%02d %s m=+%d.%09d", date, frac.c_str(), sign, hours, minutes,
                      zone.abbreviation, static_cast<int>(rng.below(5)), static_cast<int>(rng.below(1000000000)));
    } else {
        while (frac.size() > 1 && frac.back() == '0') frac.pop_back();
        if (frac == ".") frac.clear();
        std::snprintf(out, sizeof out, "%s%s%c%02d:%02d", date, frac.c_str(), sign, hours, minutes);
    }
    return out;
}

std::string day(int64_t seconds) {
    const time_t t = static_cast<time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[16];
    std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return out;
}

// Instants advance through the generated history so updated_at >= created_at
// and children are stamped after their issue, as in a real database.
struct Clock {
    int64_t seconds = 1759300000;  // 2025-10-01
    long nanos = 0;
    void advance(Rng& rng, int64_t max_seconds) {
        seconds += 1 + static_cast<int64_t>(rng.below(static_cast<size_t>(max_seconds)));
        nanos = static_cast<long>(rng.below(1000000000));
        // Whole-second and millisecond values occur in real data too.
        if (rng.chance(5))
            nanos = 0;
        else if (rng.chance(10))
            nanos -= nanos % 1000000;
    }
};

class Statement {
  public:
    Statement(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db));
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds the arguments to ?1, ?2, ... (a null const char* binds SQL NULL), runs, resets.
    template <class... Args>
    void run(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        if (sqlite3_step(stmt_) != SQLITE_DONE) {
            throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(sqlite3_db_handle(stmt_)));
        }
        sqlite3_reset(stmt_);
    }

  private:
    void bind(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, const char* s) {
        if (s)
            sqlite3_bind_text(stmt_, i, s, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(stmt_, i);
    }
    void bind(int i, std::nullptr_t) { sqlite3_bind_null(stmt_, i); }
    void bind(int i, int v) { sqlite3_bind_int(stmt_, i, v); }
    sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "?";
        sqlite3_free(message);
        throw std::runtime_error(text);
    }
}

// Nullable text column value: empty means SQL NULL.
const char* or_null(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

void generate(sqlite3* db, const Corpus& corpus, int issue_count) {
    Rng rng;
    Ids ids(rng);
    Clock clock;

    std::vector<std::string> sessions;
    for (int i = 0; i < 24; ++i) sessions.push_back(ids.make("ses_", 6));
    const std::vector<std::string> statuses = {"open",    "open",      "open",   "in_progress", "in_progress",
                                               "blocked", "in_review", "closed", "closed",      "closed"};
    const std::vector<std::string> types = {"task", "task", "task", "bug", "bug", "feature", "chore", "epic"};
    const std::vector<std::string> priorities = {"P0", "P1", "P1", "P2", "P2", "P2", "P2", "P3", "P3", "P4"};
    const std::vector<std::string> label_pool = {"backend", "frontend", "auth",  "perf", "docs",     "cli",
                                                 "sync",    "tests",    "infra", "ux",   "security", "tech-debt"};
    const std::vector<std::string> branches = {"main",         "main",      "main",       "develop",
                                               "feature/sync", "fix/login", "release/1.4"};
    const std::vector<std::string> sprints = {"", "", "", "2025-W44", "2025-W46", "sprint-12"};
    const std::vector<std::string> log_types = {"progress", "progress",   "progress", "decision",
                                                "blocker",  "hypothesis", "tried",    "result"};
    const std::vector<int> points = {0, 0, 1, 2, 3, 5, 8};

    Statement issue(db,
                    "INSERT INTO issues (id, title, description, status, type, priority, points, labels,"
                    " parent_id, acceptance, implementer_session, reviewer_session, created_at, updated_at,"
                    " closed_at, deleted_at, minor, created_branch, creator_session, sprint, defer_until,"
                    " due_date, defer_count, reviewed_at, review_requested_by_session, closed_by_session)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement log(db,
                  "INSERT INTO logs (id, issue_id, session_id, work_session_id, message, type, timestamp)"
                  " VALUES (?,?,?,?,?,?,?)");
    Statement handoff(db,
                      "INSERT INTO handoffs (id, issue_id, session_id, done, remaining, decisions, uncertain,"
                      " timestamp) VALUES (?,?,?,?,?,?,?,?)");
    Statement comment(db, "INSERT INTO comments (id, issue_id, session_id, text, created_at) VALUES (?,?,?,?,?)");

    auto list_of_lines = [&](size_t most) {
        nlohmann::json list = nlohmann::json::array();
        for (size_t n = rng.below(most + 1); n > 0; --n) list.push_back(first_line(rng.pick(corpus.titles)));
        return list.dump();
    };

    std::vector<std::string> epics;
    for (int i = 0; i < issue_count; ++i) {
        const std::string id = ids.make("td-", 6);
        const size_t source = rng.below(corpus.titles.size());
        const std::string& status = rng.pick(statuses);
        const std::string& type = rng.pick(types);
        const std::string& creator = rng.pick(sessions);
        const std::string implementer = status == "open" ? "" : rng.pick(sessions);
        const bool reviewed = status == "in_review" || status == "closed";
        const std::string reviewer = reviewed && rng.chance(70) ? rng.pick(sessions) : "";

        std::string labels;  // td stores distinct labels, comma-joined
        for (size_t n = rng.below(4); n > 0; --n) {
            const std::string& label = rng.pick(label_pool);
            if (("," + labels + ",").find("," + label + ",") != std::string::npos) continue;
            if (!labels.empty()) labels += ',';
            labels += label;
        }
        const std::string parent = !epics.empty() && type != "epic" && rng.chance(15) ? rng.pick(epics) : "";
        if (type == "epic") epics.push_back(id);
        const std::string acceptance = rng.chance(20) ? first_line(rng.pick(corpus.descriptions)) : "";

        clock.advance(rng, 1800);
        const std::string created = td_timestamp(rng, clock.seconds, clock.nanos);
        Clock later = clock;
        later.advance(rng, 7 * 86400);
        const std::string updated = td_timestamp(rng, later.seconds, later.nanos);
        const std::string closed = status == "closed" ? updated : "";
        const std::string deleted = rng.chance(2) ? updated : "";
        const std::string reviewed_at = reviewed && !reviewer.empty() ? updated : "";
        const std::string defer_until = rng.chance(5) ? day(later.seconds + 14 * 86400) : "";
        const std::string due_date = rng.chance(15) ? day(later.seconds + 30 * 86400) : "";
        // Every draw is its own statement: the order in which function
        // arguments are evaluated is unspecified, the output must not be.
        const std::string& priority = rng.pick(priorities);
        const int point = rng.pick(points);
        const int minor = rng.chance(5) ? 1 : 0;
        const std::string& branch = rng.pick(branches);
        const std::string& sprint = rng.pick(sprints);
        const int defer_count = defer_until.empty() ? 0 : static_cast<int>(1 + rng.below(3));
        const std::string requested_by = reviewed && rng.chance(50) ? rng.pick(sessions) : "";
        issue.run(id, corpus.titles[source], corpus.descriptions[source], status, type, priority, point, labels, parent,
                  acceptance, implementer, reviewer, created, updated, or_null(closed), or_null(deleted), minor, branch,
                  creator, sprint, or_null(defer_until), or_null(due_date), defer_count, or_null(reviewed_at),
                  requested_by, status == "closed" ? implementer : "");

        Clock child = clock;
        const std::string& worker = implementer.empty() ? creator : implementer;
        for (int k = 0; k < 5; ++k) {
            child.advance(rng, 3600);
            const std::string log_id = ids.make("lg-", 8);
            const std::string message = first_line(rng.pick(corpus.titles));
            const std::string& log_type = rng.pick(log_types);
            log.run(log_id, id, worker, "", message, log_type, td_timestamp(rng, child.seconds, child.nanos));
        }
        child.advance(rng, 3600);
        const std::string handoff_id = ids.make("ho-", 8);
        const std::string done = list_of_lines(4), remaining = list_of_lines(3);
        const std::string decisions = list_of_lines(2), uncertain = list_of_lines(1);
        handoff.run(handoff_id, id, worker, done, remaining, decisions, uncertain,
                    td_timestamp(rng, child.seconds, child.nanos));
        child.advance(rng, 3600);
        const std::string comment_id = ids.make("cm-", 8);
        // Comments are multi-line more often than not: a whole description.
        std::string text = rng.pick(corpus.descriptions);
        if (text.empty()) text = rng.pick(corpus.titles);
        const std::string& commenter = rng.pick(sessions);
        comment.run(comment_id, id, commenter, text, td_timestamp(rng, child.seconds, child.nanos));
    }
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: gen_tddb SCHEMA.sql OUT.db N_ISSUES [CORPUS.jsonl...]\n";
        return 2;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        const fs::path schema = argv[1], out = argv[2];
        const int issue_count = std::stoi(argv[3]);
        std::vector<fs::path> corpus_files(argv + 4, argv + argc);
        if (corpus_files.empty()) {
            const fs::path dir = schema.parent_path() / ".." / "realdata" / "beads";
            for (const auto& entry : fs::directory_iterator(dir)) {
                if (entry.path().extension() == ".jsonl") corpus_files.push_back(entry.path());
            }
        }
        std::sort(corpus_files.begin(), corpus_files.end());
        const Corpus corpus = load_corpus(corpus_files);

        fs::remove(out);
        sqlite3* db = nullptr;
        if (sqlite3_open(out.c_str(), &db) != SQLITE_OK) {
            throw std::runtime_error(out.string() + ": " + sqlite3_errmsg(db));
        }
        exec(db, read_all(schema));  // has its own BEGIN/COMMIT
        // A throwaway file: no journal, no fsync; one transaction for all rows.
        exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN");
        generate(db, corpus, issue_count);
        exec(db, "COMMIT");
        if (sqlite3_close(db) != SQLITE_OK) throw std::runtime_error("close failed");

        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cerr << out.string() << ": " << issue_count << " issues, " << issue_count * 5 << " logs, " << issue_count
                  << " handoffs, " << issue_count << " comments from " << corpus.titles.size() << " corpus records in "
                  << seconds << " s\n";
    } catch (const std::exception& e) {
        std::cerr << "gen_tddb: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
