#include "gittd/format/codec.hpp"

#include "gittd/util/error.hpp"

namespace gittd::format {

std::string_view extension(Format format) { return format == Format::yaml ? "yaml" : "json"; }

std::optional<Format> format_from_name(std::string_view name) {
    if (name == "yaml" || name == "yml") return Format::yaml;
    if (name == "json") return Format::json;
    return std::nullopt;
}

std::string encode(const Document& record, Format format) {
    return format == Format::yaml ? encode_yaml(record) : encode_json(record);
}

Document decode(std::string_view bytes, Format format, std::string_view source) {
    if (bytes.size() > max_record_bytes) {
        throw Error(ErrorCode::invalid_input, std::string(source) + ": file is " + std::to_string(bytes.size()) +
                                                  " bytes, over the " + std::to_string(max_record_bytes) +
                                                  "-byte limit for one record; is it really a td record?");
    }
    if (auto line = find_conflict_marker(bytes)) {
        throw Error(ErrorCode::invalid_input, std::string(source) + ":" + std::to_string(*line) +
                                                  ": git conflict markers; finish the merge with 'git td resolve'");
    }
    return format == Format::yaml ? decode_yaml(bytes, source) : decode_json(bytes, source);
}

std::optional<Document> try_decode(std::string_view bytes, Format format, std::string_view source) {
    try {
        return decode(bytes, format, source);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<size_t> find_conflict_marker(std::string_view bytes) {
    size_t line = 1;
    size_t start = 0;
    while (start < bytes.size()) {
        size_t end = bytes.find('\n', start);
        if (end == std::string_view::npos) end = bytes.size();
        const std::string_view text = bytes.substr(start, end - start);
        // Markers are 7 or more identical characters at column 0 (length %L).
        for (char marker : {'<', '>', '=', '|'}) {
            size_t n = 0;
            while (n < text.size() && text[n] == marker) ++n;
            if (n >= 7 && (n == text.size() || text[n] == ' ' || text[n] == '\r')) {
                if (marker != '=' || n == text.size() || text[n] == '\r') return line;
            }
        }
        ++line;
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace gittd::format
