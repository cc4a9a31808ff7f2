// The YAML reader on any bytes: a refusal is a gittd::Error naming the file;
// what it accepts survives the round trip (fuzz_check.hpp); and the fast
// canonical reader accepts only bytes the writer writes, reading them as
// libyaml does.
#include <cstdint>
#include <optional>

#include "fuzz_check.hpp"
#include "gittd/format/yaml_canonical_reader.hpp"

using namespace gittd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string_view source = "fuzz/issues/td-a1b2c3.yaml";
    if (const std::optional<format::Document> canonical = format::read_canonical_yaml(bytes)) {
        fuzz::require(format::encode_yaml(*canonical) == bytes,
                      "the canonical reader took bytes the writer never writes");
        format::Document by_libyaml;
        try {
            by_libyaml = format::decode_yaml_with_libyaml(bytes, source);
        } catch (const Error& error) {
            fuzz::require(false, "libyaml refuses what the canonical reader took", error.what());
        }
        fuzz::require(fuzz::same_value(by_libyaml, *canonical),
                      "the canonical reader and libyaml read different records");
    }
    format::Document record;
    try {
        record = format::decode(bytes, format::Format::yaml, source);
    } catch (const Error& error) {
        fuzz::require_names(error, source);
        return 0;
    }
    fuzz::require_round_trip(record);
    return 0;
}
