#include "gittd/format/yaml_scalars.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace gittd::format {

namespace {

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// [-+]?[0-9]+
bool is_integer(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    return all_digits(text);
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_float(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    size_t exponent = text.find_first_of("eE");
    std::string_view mantissa = text.substr(0, exponent);
    if (exponent != std::string_view::npos) {
        std::string_view power = text.substr(exponent + 1);
        if (!power.empty() && (power.front() == '-' || power.front() == '+')) power.remove_prefix(1);
        if (!all_digits(power)) return false;
    }
    const size_t dot = mantissa.find('.');
    if (dot == std::string_view::npos) return all_digits(mantissa);
    const std::string_view whole = mantissa.substr(0, dot), fraction = mantissa.substr(dot + 1);
    if (whole.empty()) return all_digits(fraction);
    return all_digits(whole) && (fraction.empty() || all_digits(fraction));
}

}  // namespace

Document resolve_plain_scalar(std::string text) {
    if (text.empty()) return nullptr;
    // Every special form starts with one of these; most text does not.
    if (std::string_view("~nNtTfF.+-0123456789").find(text.front()) == std::string_view::npos) {
        return Document(std::move(text));
    }
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    if (is_integer(text)) {
        errno = 0;
        char* end = nullptr;
        const long long value = std::strtoll(text.c_str(), &end, 10);
        if (errno == 0 && end == text.c_str() + text.size()) return static_cast<std::int64_t>(value);
        return Document(std::move(text));  // too large for an integer column: keep the digits as text
    }
    if (is_float(text)) {
        errno = 0;
        const double value = std::strtod(text.c_str(), nullptr);
        // Decided by the value: glibc sets ERANGE for a subnormal too, which
        // JSON reads as a number; only overflow and underflow to zero are out.
        const bool underflow = errno == ERANGE && value == 0;
        if (std::isfinite(value) && !underflow) return value;
    }
    // A float beyond a double (1e400) or below its range (1e-400), and YAML's
    // .inf and .nan, stay text: JSON has no such numbers (it wrote them as
    // null, losing the value when a tree switched format; found by fuzzing)
    // and td has no float column.
    return Document(std::move(text));
}

}  // namespace gittd::format
