#pragma once
#include <cstdint>
#include <string_view>

namespace gittd {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Decodes the code point at `pos` of valid UTF-8 and advances `pos` past it.
std::uint32_t next_code_point(std::string_view text, size_t& pos);

}  // namespace gittd
