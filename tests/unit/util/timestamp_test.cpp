#include <catch2/catch.hpp>

#include "gittd/util/timestamp.hpp"

using gittd::format_rfc3339_utc;
using gittd::parse_td_timestamp;

namespace {
std::string utc(const char* text) {
    auto instant = parse_td_timestamp(text);
    return instant ? format_rfc3339_utc(*instant) : std::string("<unparsed>");
}
}  // namespace

TEST_CASE("td's canonical text with offsets converts to UTC RFC 3339") {
    CHECK(utc("2026-04-04 03:13:49.270094495-04:00") == "2026-04-04T07:13:49.270094495Z");
    CHECK(utc("2026-04-04 03:13:49+05:30") == "2026-04-03T21:43:49Z");
    CHECK(utc("2026-04-04 03:13:49-0400") == "2026-04-04T07:13:49Z");
    CHECK(utc("2026-04-04 03:13:49+02") == "2026-04-04T01:13:49Z");
}

TEST_CASE("T separator, Z and no zone (= UTC) are accepted") {
    CHECK(utc("2026-04-04T07:13:49Z") == "2026-04-04T07:13:49Z");
    CHECK(utc("2026-04-04T07:13:49.5+00:00") == "2026-04-04T07:13:49.5Z");
    CHECK(utc("2026-02-04 04:42:47") == "2026-02-04T04:42:47Z");
    CHECK(utc("2026-02-04T04:42:47") == "2026-02-04T04:42:47Z");
}

TEST_CASE("legacy Go time.String() text, with and without the monotonic reading") {
    CHECK(utc("2026-04-04 03:13:49.270094495 -0400 EDT m=+0.026561364") == "2026-04-04T07:13:49.270094495Z");
    CHECK(utc("2026-02-03 20:53:53.519728 -0800 PST m=+0.036937834") == "2026-02-04T04:53:53.519728Z");
    CHECK(utc("2026-02-03 20:53:53.519728 -0800 PST") == "2026-02-04T04:53:53.519728Z");
    CHECK(utc("2026-01-01 00:00:00 +0000 UTC") == "2026-01-01T00:00:00Z");
    CHECK(utc("2026-01-01 05:30:00 +0530 +0530") == "2026-01-01T00:00:00Z");
    CHECK(utc("2026-01-01 00:00:00.1 -0100 -01 m=-1.5") == "2026-01-01T01:00:00.1Z");
}

TEST_CASE("fractional seconds keep their stored digits, trailing zeros trimmed") {
    CHECK(utc("2026-04-04 07:13:49.270000000+00:00") == "2026-04-04T07:13:49.27Z");
    CHECK(utc("2026-04-04 07:13:49.000+00:00") == "2026-04-04T07:13:49Z");
    CHECK(utc("2026-04-04 07:13:49.000000001Z") == "2026-04-04T07:13:49.000000001Z");
}

TEST_CASE("offsets carry across day, month, year and leap-day boundaries") {
    CHECK(utc("2025-12-31 23:30:00-01:00") == "2026-01-01T00:30:00Z");
    CHECK(utc("2024-03-01 01:00:00+02:00") == "2024-02-29T23:00:00Z");
    CHECK(utc("2000-01-01 00:00:00+14:00") == "1999-12-31T10:00:00Z");
}

TEST_CASE("text that is not a td timestamp is not parsed") {
    for (const char* text :
         {"", "yesterday", "2026-13-01 00:00:00", "2026-02-30 00:00:00", "2026-02-29 00:00:00", "2026-01-01",
          "2026-01-01 24:00:00", "2026-01-01 00:00:00 +0000 UTC junk", "2026-01-01 00:00:00.",
          "2026-01-01 00:00:00+25:00", "1775286829", "0000-01-01 00:00:00+01:00"}) {
        INFO(text);
        CHECK_FALSE(parse_td_timestamp(text).has_value());
    }
}

TEST_CASE("the same instant written in any zone gives the same UTC text") {
    CHECK(utc("2026-04-04 03:13:49.27 -0400 EDT m=+0.02") == utc("2026-04-04 07:13:49.27+00:00"));
    CHECK(utc("2026-04-04 12:43:49.27+05:30") == utc("2026-04-04T07:13:49.27Z"));
}

TEST_CASE("td canonical storage text is UTC with +00:00") {
    auto instant = parse_td_timestamp("2026-04-04 03:13:49.270094495 -0400 EDT m=+0.026561364");
    REQUIRE(instant);
    CHECK(gittd::format_td_canonical(*instant) == "2026-04-04 07:13:49.270094495+00:00");
    CHECK(parse_td_timestamp(gittd::format_td_canonical(*instant)) == instant);
}

TEST_CASE("calendar dates are validated") {
    CHECK(gittd::is_calendar_date("2026-04-15"));
    CHECK(gittd::is_calendar_date("2024-02-29"));
    CHECK_FALSE(gittd::is_calendar_date("2026-02-29"));
    CHECK_FALSE(gittd::is_calendar_date("2026-4-15"));
    CHECK_FALSE(gittd::is_calendar_date("2026-04-15 00:00:00"));
}
