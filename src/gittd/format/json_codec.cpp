// Canonical JSON: 2-space indent, UTF-8 unescaped, LF, trailing newline.
// nlohmann's own parser would keep the last of two duplicate keys; the
// callback below refuses them instead.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"

namespace gittd::format {

namespace {

size_t line_of_offset(std::string_view bytes, size_t offset) {
    size_t line = 1;
    for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') ++line;
    }
    return line;
}

// nlohmann's text starts "[json.exception.parse_error.101] parse error at line …".
std::string without_exception_id(const std::string& message) {
    const size_t colon = message.find("] ");
    return colon == std::string::npos ? message : message.substr(colon + 2);
}

// What the parse callback refuses, and the text whose `occurrence`-th
// appearance in the file is the line to name (nlohmann gives no position).
struct Refusal {
    std::string what;
    std::string needle;
    int occurrence = 1;
};

size_t line_of(std::string_view bytes, const std::string& needle, int occurrence) {
    size_t at = std::string_view::npos;
    for (int n = 0; n < occurrence; ++n) {
        const size_t next = bytes.find(needle, at == std::string_view::npos ? 0 : at + 1);
        if (next == std::string_view::npos) break;
        at = next;
    }
    return line_of_offset(bytes, at == std::string_view::npos ? 0 : at);
}

}  // namespace

std::string encode_json(const Document& record) {
    return record.dump(2, ' ', false, Document::error_handler_t::strict) + "\n";
}

void check_json_depth(std::string_view bytes, std::string_view source) {
    size_t depth = 0;
    size_t line = 1;
    bool in_string = false;
    for (size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n') ++line;
        if (in_string) {
            if (c == '\\') {
                ++i;  // an escaped character, never a quote or a newline that counts
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_nesting_depth) {
                throw Error(ErrorCode::invalid_input, std::string(source) + ":" + std::to_string(line) +
                                                          ": nested more than " + std::to_string(max_nesting_depth) +
                                                          " levels deep; a td record is two levels deep at most");
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

Document parse_json_value(std::string_view bytes, std::string_view source) {
    check_json_depth(bytes, source);
    // nlohmann's lexer takes a NUL byte for the end of the input and would
    // ignore whatever follows it (found by fuzzing); JSON text holds none.
    if (const size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        throw Error(ErrorCode::invalid_input, std::string(source) + ":" + std::to_string(line_of_offset(bytes, nul)) +
                                                  ": a NUL byte, which JSON text never holds");
    }
    std::vector<std::set<std::string>> keys_per_object;
    auto callback = [&](int, Document::parse_event_t event, Document& parsed) {
        switch (event) {
            case Document::parse_event_t::object_start: keys_per_object.emplace_back(); break;
            case Document::parse_event_t::object_end: keys_per_object.pop_back(); break;
            case Document::parse_event_t::key: {
                const std::string key = parsed.get<std::string>();
                // What the YAML writer could not write, the JSON reader does not take.
                if (key.size() > max_field_name_bytes) {
                    throw Refusal{"a field name of " + std::to_string(key.size()) + " bytes; at most " +
                                      std::to_string(max_field_name_bytes) + " are allowed",
                                  parsed.dump()};
                }
                if (!keys_per_object.back().insert(key).second) {
                    throw Refusal{"duplicate key '" + key + "'", parsed.dump(), 2};
                }
                break;
            }
            case Document::parse_event_t::value:
                // nlohmann keeps 2^63..2^64-1 as unsigned; td's integers are
                // signed 64-bit, and YAML would read the digits back as text
                // (found by fuzzing).
                if (parsed.is_number_unsigned() &&
                    parsed.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
                    throw Refusal{"the integer " + parsed.dump() + " is beyond td's 64-bit integers", parsed.dump()};
                }
                break;
            default: break;
        }
        return true;
    };
    Document record;
    try {
        record = Document::parse(bytes.begin(), bytes.end(), callback);
    } catch (const Refusal& refusal) {
        throw Error(ErrorCode::invalid_input, std::string(source) + ":" +
                                                  std::to_string(line_of(bytes, refusal.needle, refusal.occurrence)) +
                                                  ": " + refusal.what);
    } catch (const Document::parse_error& e) {
        throw Error(ErrorCode::invalid_input, std::string(source) + ":" +
                                                  std::to_string(line_of_offset(bytes, e.byte)) +
                                                  ": malformed JSON: " + without_exception_id(e.what()));
    } catch (const Document::out_of_range& e) {
        // A number beyond a double (1e400): found by fuzzing, nlohmann
        // throws it without a position; the message quotes the number.
        const std::string message = without_exception_id(e.what());
        const size_t open = message.find('\''), close = message.rfind('\'');
        const std::string number = open < close ? message.substr(open + 1, close - open - 1) : std::string();
        throw Error(ErrorCode::invalid_input, std::string(source) + ":" + std::to_string(line_of(bytes, number, 1)) +
                                                  ": " + message + ": a number td cannot hold");
    }
    return record;
}

Document decode_json(std::string_view bytes, std::string_view source) {
    Document record = parse_json_value(bytes, source);
    if (!record.is_object()) {
        throw Error(ErrorCode::invalid_input,
                    std::string(source) + ":1: a record must be a JSON object of field: value");
    }
    return record;
}

}  // namespace gittd::format
