// Canonical JSON: 2-space indent, UTF-8 unescaped, LF, trailing newline.
// nlohmann's own parser would keep the last of two duplicate keys; the
// callback below refuses them instead.
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

struct DuplicateKey {
    std::string key;
};

// The line of the second occurrence of "key": — good enough to point a human at it.
size_t line_of_duplicate(std::string_view bytes, const std::string& key) {
    const std::string needle = Document(key).dump();
    size_t first = bytes.find(needle);
    size_t second = first == std::string_view::npos ? first : bytes.find(needle, first + 1);
    return line_of_offset(bytes, second == std::string_view::npos ? 0 : second);
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

Document decode_json(std::string_view bytes, std::string_view source) {
    check_json_depth(bytes, source);
    std::vector<std::set<std::string>> keys_per_object;
    auto callback = [&](int, Document::parse_event_t event, Document& parsed) {
        switch (event) {
            case Document::parse_event_t::object_start: keys_per_object.emplace_back(); break;
            case Document::parse_event_t::object_end: keys_per_object.pop_back(); break;
            case Document::parse_event_t::key: {
                const std::string key = parsed.get<std::string>();
                if (!keys_per_object.back().insert(key).second) throw DuplicateKey{key};
                break;
            }
            default: break;
        }
        return true;
    };
    Document record;
    try {
        record = Document::parse(bytes.begin(), bytes.end(), callback);
    } catch (const DuplicateKey& duplicate) {
        throw Error(ErrorCode::invalid_input, std::string(source) + ":" +
                                                  std::to_string(line_of_duplicate(bytes, duplicate.key)) +
                                                  ": duplicate key '" + duplicate.key + "'");
    } catch (const Document::parse_error& e) {
        std::string message = e.what();
        // nlohmann's text starts "[json.exception.parse_error.101] parse error at line …"
        const size_t colon = message.find("] ");
        if (colon != std::string::npos) message = message.substr(colon + 2);
        throw Error(
            ErrorCode::invalid_input,
            std::string(source) + ":" + std::to_string(line_of_offset(bytes, e.byte)) + ": malformed JSON: " + message);
    }
    if (!record.is_object()) {
        throw Error(ErrorCode::invalid_input,
                    std::string(source) + ":1: a record must be a JSON object of field: value");
    }
    return record;
}

}  // namespace gittd::format
