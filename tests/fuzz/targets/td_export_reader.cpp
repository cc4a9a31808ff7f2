// The reader of `td export` JSON on any bytes: a refusal is a gittd::Error
// naming the file, and every record it gives survives the round trip.
#include <cstdint>

#include "fuzz_check.hpp"
#include "gittd/td/export_reader.hpp"

using namespace gittd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string_view source = "fuzz-td-export.json";
    std::vector<td::KindRecord> records;
    try {
        records = td::read_td_export(bytes, source);
    } catch (const Error& error) {
        fuzz::require_names(error, source);
        return 0;
    }
    for (const auto& [kind, record] : records) {
        fuzz::require(kind != nullptr, "a record of no kind");
        fuzz::require_round_trip(record);
    }
    return 0;
}
