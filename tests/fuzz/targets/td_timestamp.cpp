// td's timestamp parser on any text: what it accepts, both written forms
// (the export's RFC 3339 and td's canonical text) parse back to the same
// instant, and an instant compares equal to itself.
#include <cstdint>
#include <optional>

#include "fuzz_check.hpp"
#include "gittd/util/timestamp.hpp"

using namespace gittd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::optional<Instant> instant = parse_td_timestamp(text);
    if (!instant) return 0;
    fuzz::require(compare_instants(*instant, *instant) == 0, "an instant differs from itself");
    for (const std::string& written : {format_rfc3339_utc(*instant), format_td_canonical(*instant)}) {
        const std::optional<Instant> again = parse_td_timestamp(written);
        fuzz::require(again.has_value(), "a written timestamp does not parse", written);
        fuzz::require(*again == *instant, "a written timestamp parses to another instant", written);
        fuzz::require(compare_instants(*again, *instant) == 0, "equal instants do not compare equal", written);
    }
    return 0;
}
