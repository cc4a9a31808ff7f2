#pragma once
// A git object id (SHA-1) as a plain value, so that the layers above git/ can
// hold, compare and print ids without libgit2's git_oid.
#include <array>
#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gittd::git {

struct ObjectId {
    static constexpr std::size_t size = 20;
    std::array<unsigned char, size> bytes{};

    // The 40 lowercase hex digits git prints.
    std::string hex() const {
        static constexpr char digits[] = "0123456789abcdef";
        std::string text(2 * size, '0');
        for (std::size_t i = 0; i < size; ++i) {
            text[2 * i] = digits[bytes[i] >> 4];
            text[2 * i + 1] = digits[bytes[i] & 0xf];
        }
        return text;
    }

    // The id written as 40 hex digits (either case), or nullopt.
    static std::optional<ObjectId> from_hex(std::string_view text) {
        if (text.size() != 2 * size) return std::nullopt;
        const auto nibble = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        ObjectId id;
        for (std::size_t i = 0; i < size; ++i) {
            const int high = nibble(text[2 * i]), low = nibble(text[2 * i + 1]);
            if (high < 0 || low < 0) return std::nullopt;
            id.bytes[i] = static_cast<unsigned char>(high << 4 | low);
        }
        return id;
    }

    auto operator<=>(const ObjectId&) const = default;
};

}  // namespace gittd::git
