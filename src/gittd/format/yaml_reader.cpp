// Reads record YAML with yaml-cpp and resolves plain scalars by the YAML 1.2
// core schema, so what the writer quoted stays a string and what it left
// plain gets its type back. Duplicate keys and multi-document files are
// refused: a reader that silently picks one value is how data gets lost.
#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>
#include <string>

#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/utf8.hpp"

namespace gittd::format {

namespace {

[[noreturn]] void fail_at(std::string_view source, const YAML::Mark& mark, const std::string& what) {
    std::string message(source);
    if (mark.line >= 0) message.append(":").append(std::to_string(mark.line + 1));
    message.append(": ").append(what);
    throw Error(ErrorCode::invalid_input, message);
}

Document resolve_plain(const std::string& text) {
    static const std::regex integer("[-+]?[0-9]+");
    static const std::regex floating(
        "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
        return nullptr;
    }
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    if (std::regex_match(text, integer)) {
        try {
            size_t used = 0;
            long long value = std::stoll(text, &used);
            if (used == text.size()) return static_cast<std::int64_t>(value);
        } catch (const std::out_of_range&) {
        }
        return text;  // too large for an integer column: keep the digits as text
    }
    if (std::regex_match(text, floating)) return std::stod(text);
    if (text == ".inf" || text == "+.inf" || text == ".Inf" || text == "+.Inf") {
        return std::numeric_limits<double>::infinity();
    }
    if (text == "-.inf" || text == "-.Inf") return -std::numeric_limits<double>::infinity();
    if (text == ".nan" || text == ".NaN") return std::numeric_limits<double>::quiet_NaN();
    return text;
}

Document convert(const YAML::Node& node, std::string_view source) {
    switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null: return nullptr;
        case YAML::NodeType::Scalar: {
            const std::string& text = node.Scalar();
            if (!is_valid_utf8(text)) fail_at(source, node.Mark(), "text is not valid UTF-8");
            const std::string& tag = node.Tag();
            if (tag == "!" || tag == "tag:yaml.org,2002:str") return text;
            if (tag == "?" || tag.empty()) return resolve_plain(text);
            fail_at(source, node.Mark(), "unsupported YAML tag '" + tag + "'");
        }
        case YAML::NodeType::Sequence: {
            Document array = Document::array();
            for (const YAML::Node& item : node) array.push_back(convert(item, source));
            return array;
        }
        case YAML::NodeType::Map: {
            Document object = Document::object();
            std::set<std::string> seen;
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (!it->first.IsScalar()) fail_at(source, it->first.Mark(), "a key must be a plain name");
                const std::string& key = it->first.Scalar();
                if (!seen.insert(key).second) {
                    fail_at(source, it->first.Mark(), "duplicate key '" + key + "'");
                }
                object[key] = convert(it->second, source);
            }
            return object;
        }
    }
    fail_at(source, node.Mark(), "unreadable YAML node");
}

}  // namespace

Document decode_yaml(std::string_view bytes, std::string_view source) {
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(std::string(bytes));
    } catch (const YAML::Exception& e) {
        fail_at(source, e.mark, "malformed YAML: " + e.msg);
    }
    if (documents.size() != 1) {
        throw Error(ErrorCode::invalid_input,
                    std::string(source) + ": expected one YAML document, found " +
                        std::to_string(documents.size()));
    }
    if (!documents.front().IsMap()) {
        fail_at(source, documents.front().Mark(), "a record must be a mapping of field: value");
    }
    return convert(documents.front(), source);
}

}  // namespace gittd::format
