// Reads the canonical YAML layout line by line. It does not try to be a YAML
// parser: anything outside the layout the writer produces makes it give up,
// and a final comparison with the writer's own bytes makes sure that what it
// read is what libyaml would read (see the header).
#include "gittd/format/yaml_canonical_reader.hpp"

#include <cstdint>
#include <string>

#include "gittd/format/codec.hpp"
#include "gittd/format/yaml_scalars.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/utf8.hpp"

namespace gittd::format {

namespace {

// Thrown inside the reader only: the bytes are not in the canonical layout.
struct NotCanonical {};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class Reader {
  public:
    explicit Reader(std::string_view bytes) : text_(bytes) {}

    Document document() {
        Document record = Document::object();
        mapping_entries(record, 0, 0);
        if (pos_ != text_.size()) throw NotCanonical{};
        return record;
    }

  private:
    bool at_end() const { return pos_ >= text_.size(); }
    char peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
    void expect(char c) {
        if (peek() != c || at_end()) throw NotCanonical{};
        ++pos_;
    }

    // True when the line at the cursor is indented by exactly `column` spaces
    // and then holds something.
    bool line_at(size_t column) const {
        for (size_t i = 0; i < column; ++i) {
            if (peek(i) != ' ') return false;
        }
        const char next = peek(column);
        return pos_ + column < text_.size() && next != ' ' && next != '\n';
    }

    std::string_view rest_of_line() {
        const size_t end = text_.find('\n', pos_);
        if (end == std::string_view::npos) throw NotCanonical{};  // the writer ends every line
        const std::string_view line = text_.substr(pos_, end - pos_);
        pos_ = end + 1;
        return line;
    }

    // Entries of a mapping whose keys stand at `column`; with `inline_first`
    // the cursor already stands on the first key (after "- ").
    void mapping_entries(Document& object, size_t column, size_t depth, bool inline_first = false) {
        if (depth >= max_nesting_depth) throw NotCanonical{};
        auto& entries = object.get_ref<Document::object_t&>();
        bool any = false;
        while (inline_first || line_at(column)) {
            if (!inline_first) pos_ += column;
            inline_first = false;
            std::string name = key();
            Document value = value_after_indicator(column, depth);
            // A repeated key would survive the final comparison if both
            // copies were kept: refuse it here.
            if (!entries.emplace(name, std::move(value)).second) throw NotCanonical{};
            any = true;
        }
        if (!any) throw NotCanonical{};
    }

    std::string key() {
        if (peek() == '"') {
            std::string name = double_quoted();
            expect(':');
            return name;
        }
        const size_t start = pos_;
        while (!at_end() && text_[pos_] != '\n') {
            if (text_[pos_] == ':' && (peek(1) == ' ' || peek(1) == '\n')) {
                std::string name(text_.substr(start, pos_ - start));
                ++pos_;
                return name;
            }
            ++pos_;
        }
        throw NotCanonical{};
    }

    // What follows "key:" or "-" whose indicator stands at `column`.
    Document value_after_indicator(size_t column, size_t depth) {
        if (peek() == '\n') {
            ++pos_;
            if (line_at(column + 2) && peek(column + 2) == '-' &&
                (peek(column + 3) == ' ' || peek(column + 3) == '\n')) {
                return sequence(column + 2, depth + 1);
            }
            Document object = Document::object();
            mapping_entries(object, column + 2, depth + 1);
            return object;
        }
        expect(' ');
        return scalar(column, depth);
    }

    Document sequence(size_t column, size_t depth) {
        if (depth >= max_nesting_depth) throw NotCanonical{};
        Document array = Document::array();
        while (line_at(column) && peek(column) == '-') {
            pos_ += column + 1;
            if (peek() == ' ' && starts_mapping_item()) {
                ++pos_;
                Document object = Document::object();
                mapping_entries(object, column + 2, depth + 1, true);
                array.push_back(std::move(object));
            } else {
                array.push_back(value_after_indicator(column, depth));
            }
        }
        return array;
    }

    // After "- ": does a key follow ("- id: c-1")? A plain scalar never holds
    // ": " or ends in ':' (the writer quotes those), and a quoted key is
    // followed by ':'.
    bool starts_mapping_item() {
        const size_t saved = pos_;
        ++pos_;
        bool is_key = false;
        if (peek() == '"') {
            double_quoted();
            is_key = peek() == ':';
        } else if (peek() != '|' && peek() != '[' && peek() != '{') {
            const size_t end = text_.find('\n', pos_);
            const std::string_view line = text_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
            is_key = line.find(": ") != std::string_view::npos || (!line.empty() && line.back() == ':');
        }
        pos_ = saved;
        return is_key;
    }

    // An empty list or mapping counts as a level, as libyaml's reader counts it.
    Document scalar(size_t column, size_t depth) {
        switch (peek()) {
            case '"': {
                std::string value = double_quoted();
                expect('\n');
                return value;
            }
            case '|': return literal_block(column);
            case '[': {
                if (depth + 1 >= max_nesting_depth || rest_of_line() != "[]") throw NotCanonical{};
                return Document::array();
            }
            case '{': {
                if (depth + 1 >= max_nesting_depth || rest_of_line() != "{}") throw NotCanonical{};
                return Document::object();
            }
            default: return resolve_plain_scalar(std::string(rest_of_line()));
        }
    }

    // The writer's escapes only: \" \\ \n \t \r \0 \xXX \uXXXX.
    std::string double_quoted() {
        expect('"');
        std::string out;
        for (;;) {
            if (at_end()) throw NotCanonical{};
            const char c = text_[pos_++];
            if (c == '"') return out;
            if (c == '\n') throw NotCanonical{};
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_end()) throw NotCanonical{};
            const char escape = text_[pos_++];
            switch (escape) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case '0': out += '\0'; break;
                case 'x': append_utf8(out, hex(2)); break;
                case 'u': append_utf8(out, hex(4)); break;
                default: throw NotCanonical{};
            }
        }
    }

    std::uint32_t hex(size_t digits) {
        std::uint32_t value = 0;
        for (size_t i = 0; i < digits; ++i) {
            const int digit = hex_digit(peek());
            if (digit < 0 || at_end()) throw NotCanonical{};
            value = value * 16 + static_cast<std::uint32_t>(digit);
            ++pos_;
        }
        // Surrogates never stand alone in the writer's output.
        if (value >= 0xD800 && value <= 0xDFFF) throw NotCanonical{};
        return value;
    }

    // "|", "|-", "|+", with an optional "2" indentation indicator; the
    // content lines stand at column + 2, empty lines are empty.
    Document literal_block(size_t column) {
        const std::string_view header = rest_of_line();
        char chomp = 0;
        if (header == "|-" || header == "|2-")
            chomp = '-';
        else if (header == "|+" || header == "|2+")
            chomp = '+';
        else if (header != "|" && header != "|2")
            throw NotCanonical{};
        const size_t content_column = column + 2;
        std::string out;
        while (!at_end()) {
            if (peek() == '\n') {
                out += '\n';
                ++pos_;
                continue;
            }
            bool indented = true;
            for (size_t i = 0; i < content_column; ++i) indented = indented && peek(i) == ' ';
            if (!indented) break;
            pos_ += content_column;
            out.append(rest_of_line());
            out += '\n';
        }
        if (chomp == '-') {
            while (!out.empty() && out.back() == '\n') out.pop_back();
        } else if (chomp == 0) {
            while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
        }
        return out;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace

std::optional<Document> read_canonical_yaml(std::string_view bytes) {
    if (bytes.empty() || !is_valid_utf8(bytes)) return std::nullopt;
    try {
        Document record = Reader(bytes).document();
        if (encode_yaml(record) != bytes) return std::nullopt;
        return record;
    } catch (const NotCanonical&) {
        return std::nullopt;
    } catch (const Error&) {
        return std::nullopt;  // the writer refused the record: libyaml names the problem
    }
}

}  // namespace gittd::format
