#pragma once
// Turns a fuzzer's bytes into choices for the targets that build structured
// input (merge properties): each call consumes bytes from the front and,
// once they run out, returns zeros, so every input is a valid script.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gittd::fuzz {

class ByteSource {
  public:
    ByteSource(const std::uint8_t* data, size_t size) : data_(data), size_(size) {}

    std::uint8_t byte() { return position_ < size_ ? data_[position_++] : 0; }
    bool empty() const { return position_ >= size_; }
    // A choice among `count` (> 0) options.
    size_t pick(size_t count) { return byte() % count; }
    bool chance(unsigned in) { return pick(in) == 0; }
    std::int64_t integer() {
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i) value = value << 8 | byte();
        return static_cast<std::int64_t>(value);
    }
    // Up to `max` characters drawn from `alphabet` (UTF-8 sequences, one per entry).
    template <size_t N>
    std::string text(const std::string_view (&alphabet)[N], size_t max) {
        std::string out;
        const size_t length = pick(max + 1);
        for (size_t i = 0; i < length; ++i) out += alphabet[pick(N)];
        return out;
    }

  private:
    const std::uint8_t* data_;
    size_t size_;
    size_t position_ = 0;
};

}  // namespace gittd::fuzz
