#pragma once
// td timestamps, parsed without the clock, the locale or the TZ database, so a
// value converts to the same UTC text on every machine in every time zone.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gittd {

// An instant: whole seconds since the Unix epoch (UTC) plus the fractional
// digits exactly as stored, trailing zeros trimmed ("27" for .270, "" for none).
struct Instant {
    std::int64_t epoch_seconds = 0;
    std::string fraction;
    bool operator==(const Instant&) const = default;
};

// Accepts every form found in td databases:
//   YYYY-MM-DD HH:MM:SS[.f]±HH:MM   (td's canonical text; also ±HHMM, ±HH)
//   the same with 'T', with 'Z', or with no zone (= UTC)
//   Go time.String(): 2026-04-04 03:13:49.27 -0400 EDT m=+0.02 (m=… optional)
// Returns nullopt for anything else (including impossible dates).
std::optional<Instant> parse_td_timestamp(std::string_view text);

// UTC RFC 3339 with 'Z': 2026-04-04T07:13:49.270094495Z (the export form).
std::string format_rfc3339_utc(const Instant& instant);

// td's canonical storage text, in UTC: 2026-04-04 07:13:49.270094495+00:00.
std::string format_td_canonical(const Instant& instant);

// Orders instants (fractions compared as decimals: .5 > .25); <0, 0, >0.
int compare_instants(const Instant& a, const Instant& b);

// A user-chosen calendar date, YYYY-MM-DD, valid in the proleptic Gregorian calendar.
bool is_calendar_date(std::string_view text);

}  // namespace gittd
