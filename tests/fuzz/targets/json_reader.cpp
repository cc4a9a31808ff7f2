// The JSON reader on any bytes: a refusal is a gittd::Error naming the file,
// and what it accepts survives the round trip (fuzz_check.hpp).
#include <cstdint>

#include "fuzz_check.hpp"

using namespace gittd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string_view source = "fuzz/issues/td-a1b2c3.json";
    format::Document record;
    try {
        record = format::decode(bytes, format::Format::json, source);
    } catch (const Error& error) {
        fuzz::require_names(error, source);
        return 0;
    }
    fuzz::require_round_trip(record);
    return 0;
}
