#include "gittd/util/timestamp.hpp"

#include <algorithm>
#include <cstdio>

namespace gittd {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for any year.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at pos.
bool read_digits(std::string_view s, size_t& pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int value = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!is_digit(s[pos + i])) return false;
        value = value * 10 + (s[pos + i] - '0');
    }
    pos += n;
    out = value;
    return true;
}

bool read_char(std::string_view s, size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

struct Date {
    int year, month, day;
};

bool read_date(std::string_view s, size_t& pos, Date& date) {
    if (!read_digits(s, pos, 4, date.year) || !read_char(s, pos, '-') || !read_digits(s, pos, 2, date.month) ||
        !read_char(s, pos, '-') || !read_digits(s, pos, 2, date.day)) {
        return false;
    }
    return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           static_cast<unsigned>(date.day) <= days_in_month(date.year, date.month);
}

// ±HH:MM, ±HHMM or ±HH; returns the offset east of UTC in seconds.
bool read_numeric_offset(std::string_view s, size_t& pos, int& offset) {
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int hours = 0, minutes = 0;
    if (!read_digits(s, pos, 2, hours)) return false;
    // Minutes follow a colon, or directly (±HHMM), or not at all (±HH).
    const bool colon = read_char(s, pos, ':');
    if (colon || (pos < s.size() && is_digit(s[pos]))) {
        if (!read_digits(s, pos, 2, minutes)) return false;
    }
    if (hours > 23 || minutes > 59) return false;
    offset = sign * (hours * 3600 + minutes * 60);
    return true;
}

bool is_zone_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '-' || c == '_' ||
           c == '/';
}

// Go's time.String() appends " m=+0.026561364" when the value carries a
// monotonic clock reading; it says nothing about the instant.
bool read_monotonic_suffix(std::string_view s, size_t& pos) {
    if (s.substr(pos, 3) != " m=") return false;
    size_t p = pos + 3;
    if (p >= s.size() || (s[p] != '+' && s[p] != '-')) return false;
    ++p;
    size_t digits = 0;
    while (p < s.size() && (is_digit(s[p]) || s[p] == '.')) {
        ++p;
        ++digits;
    }
    if (digits == 0) return false;
    pos = p;
    return true;
}

// Everything after the seconds: no zone, Z, a numeric offset, or Go's
// " -0400 EDT[ m=+…]" form. Sets the offset east of UTC.
bool read_zone(std::string_view s, size_t& pos, int& offset) {
    offset = 0;
    if (pos == s.size()) return true;
    if (read_char(s, pos, 'Z')) return pos == s.size();
    if (s[pos] == '+' || s[pos] == '-') {
        return read_numeric_offset(s, pos, offset) && pos == s.size();
    }
    if (s[pos] != ' ') return false;
    ++pos;
    if (!read_numeric_offset(s, pos, offset)) {
        // "2026-01-01 00:00:00 UTC" style: a bare UTC/GMT name.
        const std::string_view rest = s.substr(pos);
        if (rest == "UTC" || rest == "GMT") {
            pos = s.size();
            return true;
        }
        return false;
    }
    if (pos < s.size() && s[pos] == ' ' && s.substr(pos, 3) != " m=") {
        ++pos;
        const size_t start = pos;
        while (pos < s.size() && is_zone_name_char(s[pos])) ++pos;
        if (pos == start) return false;
    }
    if (pos < s.size() && !read_monotonic_suffix(s, pos)) return false;
    return pos == s.size();
}

// Appends `v` (0-99) as two digits: a record has several timestamps, and
// snprintf for each was a tenth of a full export's instructions.
void append_two(std::string& out, int v) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
}

struct Parts {
    std::int64_t year;
    unsigned month, day;
    int hour, minute, second;
};

Parts split(const Instant& instant) {
    std::int64_t days = instant.epoch_seconds / 86400;
    std::int64_t secs = instant.epoch_seconds % 86400;
    if (secs < 0) {
        secs += 86400;
        days -= 1;
    }
    const Civil c = civil_from_days(days);
    return {c.year,
            c.month,
            c.day,
            static_cast<int>(secs / 3600),
            static_cast<int>(secs % 3600 / 60),
            static_cast<int>(secs % 60)};
}

std::string format_with(const Instant& instant, char separator, const char* zone) {
    const Parts p = split(instant);
    std::string out;
    out.reserve(32 + instant.fraction.size());
    if (p.year >= 0 && p.year <= 9999) {
        append_two(out, static_cast<int>(p.year / 100));
        append_two(out, static_cast<int>(p.year % 100));
    } else {
        char year[24];
        std::snprintf(year, sizeof year, "%04lld", static_cast<long long>(p.year));
        out += year;
    }
    out += '-';
    append_two(out, static_cast<int>(p.month));
    out += '-';
    append_two(out, static_cast<int>(p.day));
    out += separator;
    append_two(out, p.hour);
    out += ':';
    append_two(out, p.minute);
    out += ':';
    append_two(out, p.second);
    if (!instant.fraction.empty()) {
        out += '.';
        out += instant.fraction;
    }
    out += zone;
    return out;
}

}  // namespace

std::optional<Instant> parse_td_timestamp(std::string_view s) {
    size_t pos = 0;
    Date date{};
    if (!read_date(s, pos, date)) return std::nullopt;
    if (pos >= s.size() || (s[pos] != ' ' && s[pos] != 'T')) return std::nullopt;
    ++pos;
    int hour = 0, minute = 0, second = 0;
    if (!read_digits(s, pos, 2, hour) || !read_char(s, pos, ':') || !read_digits(s, pos, 2, minute) ||
        !read_char(s, pos, ':') || !read_digits(s, pos, 2, second)) {
        return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    std::string fraction;
    if (read_char(s, pos, '.')) {
        const size_t start = pos;
        while (pos < s.size() && is_digit(s[pos])) ++pos;
        if (pos == start) return std::nullopt;
        fraction.assign(s.substr(start, pos - start));
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
    int offset = 0;
    if (!read_zone(s, pos, offset)) return std::nullopt;
    const std::int64_t days =
        days_from_civil(date.year, static_cast<unsigned>(date.month), static_cast<unsigned>(date.day));
    Instant instant;
    instant.epoch_seconds = days * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second - offset;
    instant.fraction = std::move(fraction);
    // Keep to four-digit years so the output is still a valid RFC 3339 text.
    const std::int64_t year = split(instant).year;
    if (year < 0 || year > 9999) return std::nullopt;
    return instant;
}

std::string format_rfc3339_utc(const Instant& instant) { return format_with(instant, 'T', "Z"); }

std::string format_td_canonical(const Instant& instant) { return format_with(instant, ' ', "+00:00"); }

int compare_instants(const Instant& a, const Instant& b) {
    if (a.epoch_seconds != b.epoch_seconds) return a.epoch_seconds < b.epoch_seconds ? -1 : 1;
    // Trailing zeros are trimmed, so padding the shorter with zeros compares decimals.
    const size_t width = std::max(a.fraction.size(), b.fraction.size());
    std::string x = a.fraction, y = b.fraction;
    x.resize(width, '0');
    y.resize(width, '0');
    return x.compare(y) < 0 ? -1 : x.compare(y) > 0 ? 1 : 0;
}

bool is_calendar_date(std::string_view text) {
    size_t pos = 0;
    Date date{};
    return read_date(text, pos, date) && pos == text.size();
}

}  // namespace gittd
