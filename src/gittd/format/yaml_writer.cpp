// The canonical YAML form (DESIGN §2.1). Written by hand rather than with
// yaml-cpp's emitter because byte stability needs full control of every
// choice: one field per line, literal blocks with exact chomping, and quoting
// whenever a plain scalar could change type or meaning in a YAML 1.1 or 1.2
// reader. Every choice below is the conservative one; the property test in
// tests/unit/format checks that yaml-cpp reads back exactly what was written.
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/utf8.hpp"

namespace gittd::format {

namespace {

// Code points a YAML file may not hold raw, or that some reader would take as
// a line break or a byte-order mark: they force double quotes and an escape.
bool needs_escape(std::uint32_t cp) {
    if (cp < 0x20) return true;  // C0 controls, including tab, CR, LF
    if (cp == 0x7F) return true;
    if (cp >= 0x80 && cp <= 0x9F) return true;      // C1 controls, NEL
    if (cp == 0x2028 || cp == 0x2029) return true;  // YAML 1.1 line breaks
    if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) return true;
    return false;
}

std::string double_quoted(std::string_view text) {
    std::string out = "\"";
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t start = pos;
        const std::uint32_t cp = next_code_point(text, pos);
        switch (cp) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\t': out += "\\t"; continue;
            case '\r': out += "\\r"; continue;
            case 0: out += "\\0"; continue;
            default: break;
        }
        if (needs_escape(cp)) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, cp < 0x100 ? "\\x%02X" : "\\u%04X", cp);
            out += buffer;
        } else {
            out.append(text.substr(start, pos - start));
        }
    }
    return out + "\"";
}

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// Words some YAML reader resolves to null or a boolean.
bool is_reserved_word(std::string_view text) {
    static constexpr std::array<std::string_view, 12> words = {"null", "~",   "true", "false", "yes", "no",
                                                               "on",   "off", "y",    "n",     "=",   "<<"};
    for (std::string_view word : words) {
        if (ascii_iequals(text, word)) return true;
    }
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// True when `text` may stand unquoted and still read back as this exact string.
bool plain_is_safe(std::string_view text) {
    if (text.empty() || is_reserved_word(text)) return false;
    const char first = text.front();
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`. ").find(first) != std::string_view::npos) {
        return false;
    }
    // Anything that starts like a number, date or time could resolve to one.
    if (is_digit(first)) return false;
    if ((first == '+') && text.size() > 1 && (is_digit(text[1]) || text[1] == '.')) return false;
    const char last = text.back();
    if (last == ' ' || last == ':') return false;
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos) {
        return false;
    }
    size_t pos = 0;
    while (pos < text.size()) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {  // most text is ASCII: no decoding needed
            if (needs_escape(byte)) return false;
            ++pos;
        } else if (needs_escape(next_code_point(text, pos))) {
            return false;
        }
    }
    return true;
}

bool is_blank_line(std::string_view line) {
    return !line.empty() && line.find_first_not_of(" \t") == std::string_view::npos;
}

struct BlockPlan {
    bool usable = false;
    bool needs_indicator = false;
    char chomp = 0;  // '-', '+' or 0 (clip)
};

// A literal block (|) keeps multi-line text readable and line-mergeable. It is
// used only where every reader gives back the exact text: some line has content,
// no character needs an escape (tabs are fine inside), and no line is
// whitespace only (readers disagree about those).
BlockPlan plan_block(std::string_view text, bool nested) {
    BlockPlan plan;
    if (text.find('\n') == std::string_view::npos) return plan;
    size_t pos = 0;
    while (pos < text.size()) {
        const std::uint32_t cp = next_code_point(text, pos);
        if (cp != '\n' && cp != '\t' && needs_escape(cp)) return plan;
    }
    bool has_content = false;
    bool first_content_seen = false;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        if (is_blank_line(line)) return plan;
        if (!line.empty()) {
            has_content = true;
            if (!first_content_seen) {
                first_content_seen = true;
                plan.needs_indicator = line.front() == ' ' || line.front() == '\t';
            }
        }
        start = end + 1;
    }
    if (!has_content) return plan;
    // An indentation indicator is only unambiguous at the top level.
    if (plan.needs_indicator && nested) return plan;
    size_t trailing = 0;
    while (trailing < text.size() && text[text.size() - 1 - trailing] == '\n') ++trailing;
    plan.chomp = trailing == 0 ? '-' : trailing == 1 ? '\0' : '+';
    plan.usable = true;
    return plan;
}

class Writer {
  public:
    std::string out;

    void document(const Document& doc) {
        if (!doc.is_object()) throw Error(ErrorCode::invalid_input, "a record must be a mapping");
        // No entries would be an empty file, which holds no document: the
        // empty mapping is written as one (found by fuzzing).
        if (doc.empty()) out += "{}\n";
        for (auto it = doc.begin(); it != doc.end(); ++it) entry(it.key(), it.value(), 0);
    }

  private:
    void indent(size_t n) { out.append(n, ' '); }

    void key(std::string_view name) {
        if (!is_valid_utf8(name)) throw Error(ErrorCode::invalid_input, "a field name is not UTF-8");
        if (name.size() > max_field_name_bytes) {
            throw Error(ErrorCode::invalid_input, "a field name of " + std::to_string(name.size()) +
                                                      " bytes; YAML readers take at most " +
                                                      std::to_string(max_field_name_bytes) + ": shorten it");
        }
        if (plain_is_safe(name)) {
            out.append(name);
        } else {
            out += double_quoted(name);
        }
        out += ':';
    }

    // A mapping entry at column `column`; its block content is indented by 2.
    void entry(std::string_view name, const Document& value, size_t column) {
        indent(column);
        key(name);
        value_after_indicator(value, column);
    }

    // Writes what follows "key:" or "-": a space and a scalar, or a newline and
    // a nested block at column + 2.
    void value_after_indicator(const Document& value, size_t column) {
        if (value.is_array()) {
            if (value.empty()) {
                out += " []\n";
                return;
            }
            out += '\n';
            for (const Document& item : value) sequence_item(item, column + 2);
            return;
        }
        if (value.is_object()) {
            if (value.empty()) {
                out += " {}\n";
                return;
            }
            out += '\n';
            for (auto it = value.begin(); it != value.end(); ++it) {
                entry(it.key(), it.value(), column + 2);
            }
            return;
        }
        out += ' ';
        scalar(value, column);
    }

    void sequence_item(const Document& item, size_t column) {
        indent(column);
        out += '-';
        if (item.is_object() && !item.empty()) {
            // "- first: value" then the other keys aligned under "first".
            bool first = true;
            for (auto it = item.begin(); it != item.end(); ++it) {
                if (first) {
                    out += ' ';
                    key(it.key());
                    value_after_indicator(it.value(), column + 2);
                    first = false;
                } else {
                    entry(it.key(), it.value(), column + 2);
                }
            }
            return;
        }
        value_after_indicator(item, column);
    }

    void scalar(const Document& value, size_t column) {
        switch (value.type()) {
            case Document::value_t::null: out += "null\n"; return;
            case Document::value_t::boolean: out += value.get<bool>() ? "true\n" : "false\n"; return;
            case Document::value_t::number_integer: number(value.get<std::int64_t>()); return;
            case Document::value_t::number_unsigned: number(value.get<std::uint64_t>()); return;
            case Document::value_t::number_float: out += float_text(value.get<double>()) + "\n"; return;
            case Document::value_t::string: string_scalar(value.get_ref<const std::string&>(), column); return;
            default: throw Error(ErrorCode::invalid_input, "a record holds a value YAML cannot write");
        }
    }

    template <typename Integer>
    void number(Integer value) {
        char buffer[24];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        out.append(buffer, result.ptr);
        out += '\n';
    }

    static std::string float_text(double d) {
        if (std::isnan(d)) return ".nan";
        if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
        char buffer[64];
        auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
        std::string text(buffer, result.ptr);
        // Keep it a float for every reader: 1 -> 1.0, 1e+20 stays (has 'e').
        if (text.find_first_of(".e") == std::string::npos) text += ".0";
        return text;
    }

    void string_scalar(const std::string& text, size_t column) {
        if (!is_valid_utf8(text)) throw Error(ErrorCode::invalid_input, "a text value is not UTF-8");
        const BlockPlan plan = plan_block(text, column > 0);
        if (!plan.usable) {
            if (plain_is_safe(text)) {
                out += text;
            } else {
                out += double_quoted(text);
            }
            out += '\n';
            return;
        }
        out += '|';
        if (plan.needs_indicator) out += '2';
        if (plan.chomp) out += plan.chomp;
        out += '\n';
        // Every line but the empty piece after the final line break.
        const size_t content_column = column + 2;
        std::string_view rest = text;
        if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
        size_t start = 0;
        while (start <= rest.size()) {
            size_t end = rest.find('\n', start);
            if (end == std::string_view::npos) end = rest.size();
            const std::string_view line = rest.substr(start, end - start);
            if (!line.empty()) {
                indent(content_column);
                out.append(line);
            }
            out += '\n';
            start = end + 1;
        }
    }
};

}  // namespace

std::string encode_yaml(const Document& record) {
    Writer writer;
    writer.out.reserve(1024);  // a typical record; saves the first regrowths
    writer.document(record);
    return std::move(writer.out);
}

}  // namespace gittd::format
