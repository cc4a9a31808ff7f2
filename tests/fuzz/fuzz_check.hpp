#pragma once
// What the fuzz targets share: stating a property (on failure: say which,
// then abort, which libFuzzer records as a crash with its input and the
// replay runner reports as a failed test), the rule every error must keep
// (a gittd::Error naming the file it is about), and the round trip every
// record a reader accepts must survive.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"

namespace gittd::fuzz {

inline void require(bool holds, std::string_view property, std::string_view detail = {}) {
    if (holds) return;
    std::fprintf(stderr, "fuzz property broken: %.*s\n%.*s\n", static_cast<int>(property.size()), property.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

// A refusal must name the file, so a user can find what to fix.
inline void require_names(const Error& error, std::string_view source) {
    require(std::string_view(error.what()).find(source) != std::string_view::npos,
            "an error does not name the file it is about", error.what());
}

// Values compared as a reader must keep them: field order is the writer's
// business, but types are not (1 is not 1.0, "1" is not 1), a float must
// keep its bits, and NaN equals NaN (so that losing one shows, rather than
// every comparison of it failing). Signed and unsigned integers are one type.
inline bool same_value(const format::Document& a, const format::Document& b) {
    using Type = format::Document::value_t;
    const auto integer = [](Type t) { return t == Type::number_integer || t == Type::number_unsigned; };
    if (integer(a.type()) && integer(b.type())) {
        if (a.is_number_unsigned() != b.is_number_unsigned()) {
            const auto& u = a.is_number_unsigned() ? a : b;
            const auto& i = a.is_number_unsigned() ? b : a;
            return i.get<std::int64_t>() >= 0 &&
                   static_cast<std::uint64_t>(i.get<std::int64_t>()) == u.get<std::uint64_t>();
        }
        return a == b;
    }
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case Type::number_float: {
            const double x = a.get<double>(), y = b.get<double>();
            return std::memcmp(&x, &y, sizeof x) == 0 || (x != x && y != y);
        }
        case Type::array:
            if (a.size() != b.size()) return false;
            for (size_t i = 0; i < a.size(); ++i) {
                if (!same_value(a[i], b[i])) return false;
            }
            return true;
        case Type::object:
            if (a.size() != b.size()) return false;
            for (auto it = a.begin(); it != a.end(); ++it) {
                const auto other = b.find(it.key());
                if (other == b.end() || !same_value(it.value(), *other)) return false;
            }
            return true;
        default: return a == b;
    }
}

// DESIGN §2.1: what a reader accepts, the writer writes, in both formats;
// the written bytes read back to the same record and are a fixed point.
inline void require_round_trip(const format::Document& record) {
    for (const format::Format format : {format::Format::yaml, format::Format::json}) {
        const std::string name = "round-trip." + std::string(format::extension(format));
        std::string bytes;
        try {
            bytes = format::encode(record, format);
        } catch (const Error& error) {
            require(false, "a record a reader accepted cannot be written", error.what());
        }
        format::Document again;
        try {
            again = format::decode(bytes, format, name);
        } catch (const Error& error) {
            require(false, "what the writer wrote does not read back", std::string(error.what()) + "\n" + bytes);
        }
        require(same_value(again, record), "the written record reads back different", bytes);
        require(format::encode(again, format) == bytes, "writing is not a fixed point", bytes);
    }
}

}  // namespace gittd::fuzz
