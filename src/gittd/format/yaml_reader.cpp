// Reads record YAML with libyaml's event parser and resolves plain scalars by
// the YAML 1.2 core schema, so what the writer quoted stays a string and what
// it left plain gets its type back. Duplicate keys, aliases and multi-document
// files are refused: a reader that silently picks one value is how data gets
// lost.
//
// libyaml rather than yaml-cpp: import reads every changed record file, and
// yaml-cpp's regex-driven scanner was half of a full import's time; libyaml
// (the C parser under PyYAML) reads the same files several times faster.
// yaml-cpp stays in the unit tests as an independent second reader. Files in
// the canonical layout skip libyaml (yaml_canonical_reader.hpp): a sync's
// merge step spent most of its time here.
#include <yaml.h>

#include <algorithm>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gittd/format/codec.hpp"
#include "gittd/format/yaml_canonical_reader.hpp"
#include "gittd/format/yaml_scalars.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/utf8.hpp"

namespace gittd::format {

namespace {

[[noreturn]] void fail_at(std::string_view source, size_t line, const std::string& what) {
    throw Error(ErrorCode::invalid_input, std::string(source) + ":" + std::to_string(line + 1) + ": " + what);
}

// One parser over one input, handing out events that free themselves.
class EventStream {
  public:
    EventStream(std::string_view bytes, std::string_view source) : source_(source), bytes_(bytes) {
        if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
        // libyaml asserts a non-null input, and an empty string_view may have
        // none (found by fuzzing the driver with an empty side).
        static constexpr unsigned char nothing[] = "";
        const auto* input = bytes.data() ? reinterpret_cast<const unsigned char*>(bytes.data()) : nothing;
        yaml_parser_set_input_string(&parser_, input, bytes.size());
    }
    ~EventStream() {
        release();
        yaml_parser_delete(&parser_);
    }
    EventStream(const EventStream&) = delete;
    EventStream& operator=(const EventStream&) = delete;

    const yaml_event_t& next() {
        release();
        if (!yaml_parser_parse(&parser_, &event_)) {
            std::string what = "malformed YAML: ";
            what += parser_.problem != nullptr ? parser_.problem : "unreadable";
            // libyaml notices an unclosed construct where the file goes on
            // (often the next line): name the line the construct starts on too.
            if (parser_.context != nullptr) {
                what += std::string(" ") + parser_.context;
                if (parser_.context_mark.line != parser_.problem_mark.line) {
                    what += " that starts on line " + std::to_string(parser_.context_mark.line + 1);
                }
            }
            fail_at(source_, problem_line(), what + "; fix the file, then run the command again");
        }
        held_ = true;
        return event_;
    }

  private:
    // The 0-based line of libyaml's problem. Its reader (bad UTF-8, a control
    // character) gives a byte offset, not a mark.
    size_t problem_line() const {
        if (parser_.error != YAML_READER_ERROR) return parser_.problem_mark.line;
        const std::string_view before = bytes_.substr(0, std::min(parser_.problem_offset, bytes_.size()));
        return static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    }

  public:
    std::string_view source() const { return source_; }

  private:
    void release() {
        if (held_) yaml_event_delete(&event_);
        held_ = false;
    }
    yaml_parser_t parser_{};
    yaml_event_t event_{};
    bool held_ = false;
    std::string_view source_;
    std::string_view bytes_;
};

Document scalar_value(const yaml_event_t& event, std::string_view source) {
    const auto& scalar = event.data.scalar;
    std::string text(reinterpret_cast<const char*>(scalar.value), scalar.length);
    if (!is_valid_utf8(text)) fail_at(source, event.start_mark.line, "text is not valid UTF-8");
    if (scalar.tag != nullptr) {
        const std::string tag(reinterpret_cast<const char*>(scalar.tag));
        if (tag == "!" || tag == "tag:yaml.org,2002:str") return text;
        fail_at(source, event.start_mark.line, "unsupported YAML tag '" + tag + "'");
    }
    if (scalar.style == YAML_PLAIN_SCALAR_STYLE) return resolve_plain_scalar(std::move(text));
    return text;
}

void refuse_tag(const yaml_char_t* tag, const yaml_event_t& event, std::string_view source) {
    if (tag == nullptr) return;
    const std::string name(reinterpret_cast<const char*>(tag));
    if (name == "tag:yaml.org,2002:map" || name == "tag:yaml.org,2002:seq") return;
    fail_at(source, event.start_mark.line, "unsupported YAML tag '" + name + "'");
}

Document read_node(EventStream& events, const yaml_event_t& first, size_t depth);

Document read_sequence(EventStream& events, size_t depth) {
    Document array = Document::array();
    for (;;) {
        const yaml_event_t& event = events.next();
        if (event.type == YAML_SEQUENCE_END_EVENT) return array;
        array.push_back(read_node(events, event, depth));
    }
}

Document read_mapping(EventStream& events, size_t depth) {
    Document object = Document::object();
    std::set<std::string, std::less<>> seen;
    for (;;) {
        const yaml_event_t& key_event = events.next();
        if (key_event.type == YAML_MAPPING_END_EVENT) return object;
        if (key_event.type != YAML_SCALAR_EVENT) {
            fail_at(events.source(), key_event.start_mark.line, "a key must be a plain name");
        }
        std::string key(reinterpret_cast<const char*>(key_event.data.scalar.value), key_event.data.scalar.length);
        // A plain << is a merge key to YAML 1.1 readers (PyYAML) and a plain
        // key to YAML 1.2 ones: two readers would see two records. The
        // writer quotes the name "<<"; unquoted, it is refused.
        if (key == "<<" && key_event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            fail_at(events.source(), key_event.start_mark.line,
                    "a YAML merge key (<<) is not allowed in a record; YAML readers disagree on what it means");
        }
        // What the writer could not write back, the reader does not take.
        if (key.size() > max_field_name_bytes) {
            fail_at(events.source(), key_event.start_mark.line,
                    "a field name of " + std::to_string(key.size()) + " bytes; at most " +
                        std::to_string(max_field_name_bytes) + " are allowed");
        }
        if (!seen.insert(key).second) {
            fail_at(events.source(), key_event.start_mark.line, "duplicate key '" + key + "'");
        }
        const yaml_event_t& value_event = events.next();
        object[key] = read_node(events, value_event, depth);
    }
}

// `depth` counts the lists and mappings around `first`: the reader recurses
// once per level, so the bound is what keeps a hostile file off the stack.
void check_depth(const yaml_event_t& first, size_t depth, std::string_view source) {
    if (depth >= max_nesting_depth) {
        fail_at(source, first.start_mark.line,
                "nested more than " + std::to_string(max_nesting_depth) +
                    " levels deep; a td record is two levels deep at most");
    }
}

Document read_node(EventStream& events, const yaml_event_t& first, size_t depth) {
    switch (first.type) {
        case YAML_SCALAR_EVENT: return scalar_value(first, events.source());
        case YAML_SEQUENCE_START_EVENT:
            check_depth(first, depth, events.source());
            refuse_tag(first.data.sequence_start.tag, first, events.source());
            return read_sequence(events, depth + 1);
        case YAML_MAPPING_START_EVENT:
            check_depth(first, depth, events.source());
            refuse_tag(first.data.mapping_start.tag, first, events.source());
            return read_mapping(events, depth + 1);
        case YAML_ALIAS_EVENT:
            fail_at(events.source(), first.start_mark.line, "YAML aliases (*name) are not allowed in a record");
        default: fail_at(events.source(), first.start_mark.line, "unreadable YAML node");
    }
}

}  // namespace

Document decode_yaml(std::string_view bytes, std::string_view source) {
    if (auto record = read_canonical_yaml(bytes)) return std::move(*record);
    return decode_yaml_with_libyaml(bytes, source);
}

Document decode_yaml_with_libyaml(std::string_view bytes, std::string_view source) {
    EventStream events(bytes, source);
    events.next();  // STREAM-START
    std::optional<Document> record;
    size_t documents = 0;
    for (;;) {
        const yaml_event_t& event = events.next();
        if (event.type == YAML_STREAM_END_EVENT) break;
        // DOCUMENT-START, its root node, DOCUMENT-END
        ++documents;
        if (documents > 1) {
            throw Error(ErrorCode::invalid_input, std::string(source) + ":" +
                                                      std::to_string(event.start_mark.line + 1) +
                                                      ": expected one YAML document, found more");
        }
        const yaml_event_t& root = events.next();
        if (root.type != YAML_MAPPING_START_EVENT) {
            const bool empty = root.type == YAML_SCALAR_EVENT && root.data.scalar.length == 0 &&
                               root.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            if (empty) {
                throw Error(ErrorCode::invalid_input, std::string(source) + ": expected one YAML document, found 0");
            }
            fail_at(source, root.start_mark.line, "a record must be a mapping of field: value");
        }
        record = read_node(events, root, 0);
        events.next();  // DOCUMENT-END
    }
    if (!record) throw Error(ErrorCode::invalid_input, std::string(source) + ": expected one YAML document, found 0");
    return std::move(*record);
}

}  // namespace gittd::format
