#pragma once
// The two canonical file formats of the export tree (DESIGN §2.1). Encoding is
// byte-stable: the same document gives the same bytes everywhere. Decoding
// refuses what a careful reader must: conflict markers, duplicate keys, more
// than one document, oversize files; errors name the file and line.
#include <optional>
#include <string>
#include <string_view>

#include "gittd/format/document.hpp"

namespace gittd::format {

enum class Format { yaml, json };

std::string_view extension(Format format);  // "yaml" / "json"
// The format a tree switching away from `format` (or to it) has on its other side.
inline Format other_format(Format format) { return format == Format::yaml ? Format::json : Format::yaml; }
std::optional<Format> format_from_name(std::string_view name);

// Largest record file a decoder accepts; td's longest real text is ~30 KB.
inline constexpr size_t max_record_bytes = size_t{16} * 1024 * 1024;

// Deepest nesting of lists and mappings a decoder accepts. A record is two
// levels deep at most (a field holding a list, the conflicts list of
// mappings); without a bound, a 100 KB file of nested `[[[…` overflowed the
// stack of import and of the merge driver.
inline constexpr size_t max_nesting_depth = 64;

// Longest field name the YAML writer writes: libyaml (and PyYAML) refuse a
// key more than 1024 characters before its ':', quotes included.
inline constexpr size_t max_field_name_bytes = 1000;

// Refuses JSON nested deeper than max_nesting_depth before it is parsed,
// naming `source` and the line: a scan of brackets outside strings.
void check_json_depth(std::string_view bytes, std::string_view source);

std::string encode(const Document& record, Format format);
std::string encode_yaml(const Document& record);
std::string encode_json(const Document& record);

// `source` names the file in error messages.
Document decode(std::string_view bytes, Format format, std::string_view source);
// The same, or nullopt when the bytes do not decode (for callers that report
// an undecodable file as a result rather than an error).
std::optional<Document> try_decode(std::string_view bytes, Format format, std::string_view source);
// Canonical files go through a reader that knows the writer's layout; any
// other YAML through libyaml (decode_yaml_with_libyaml), which reads the
// same bytes to the same record and names the file and line of a problem.
Document decode_yaml(std::string_view bytes, std::string_view source);
Document decode_yaml_with_libyaml(std::string_view bytes, std::string_view source);
Document decode_json(std::string_view bytes, std::string_view source);
// Any JSON value, not only a record, with decode_json's checks (nesting,
// duplicate keys, numbers beyond what td holds); errors name `source` and the line.
Document parse_json_value(std::string_view bytes, std::string_view source);

// Line (1-based) of the first git conflict marker line, if any.
std::optional<size_t> find_conflict_marker(std::string_view bytes);

}  // namespace gittd::format
