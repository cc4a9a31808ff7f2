#include "gittd/format/json_schema.hpp"

#include <string>

namespace gittd::format {

namespace {

using model::FieldType;

constexpr const char* timestamp_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*[1-9])?Z$";

Document nullable(Document schema) {
    return Document{{"anyOf", Document::array({std::move(schema), Document{{"type", "null"}}})}};
}

Document field_schema(const model::Field& field) {
    switch (field.type) {
        case FieldType::text: return Document{{"type", Document::array({"string", "null"})}};
        case FieldType::integer: return Document{{"type", Document::array({"integer", "null"})}};
        case FieldType::boolean: return Document{{"type", Document::array({"boolean", "null"})}};
        case FieldType::datetime:
        case FieldType::rfc3339_text:
            return nullable(Document{
                {"type", "string"}, {"pattern", timestamp_pattern}, {"description", "UTC RFC 3339 timestamp"}});
        case FieldType::date:
            return nullable(Document{{"type", "string"},
                                     {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                                     {"description", "calendar date YYYY-MM-DD"}});
        case FieldType::labels:
        case FieldType::string_list:
            return nullable(Document{{"type", "array"}, {"items", Document{{"type", "string"}}}});
    }
    return Document::object();
}

Document conflicts_schema() {
    Document entry = {{"type", "object"},
                      {"required", Document::array({"id", "field", "base", "values", "chosen", "rule"})},
                      {"properties",
                       {{"id", {{"type", "string"}}},
                        {"field", {{"type", "string"}}},
                        {"base", Document::object()},
                        {"values", {{"type", "array"}}},
                        {"chosen", Document::object()},
                        {"rule", {{"type", "string"}}}}}};
    return Document{{"type", "array"},
                    {"description", "values a merge rule set aside; written only when non-empty"},
                    {"items", std::move(entry)}};
}

}  // namespace

Document json_schema_for(const model::Kind& kind) {
    Document properties = Document::object();
    Document required = Document::array();
    for (const model::Field& field : kind.fields) {
        properties[std::string(field.name)] = field_schema(field);
        required.push_back(std::string(field.name));
    }
    properties["id"] = Document{{"type", "string"}, {"pattern", "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"}};
    properties["conflicts"] = conflicts_schema();
    return Document{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                    {"$id", "urn:git-td:schema:" + std::string(kind.folder)},
                    {"title", "git-td " + std::string(kind.name) + " record"},
                    {"description", "One row of td's " + std::string(kind.table) +
                                        " table, as git-td exports it to .todos/export/" + std::string(kind.folder) +
                                        "/<id>.yaml (or .json). Fields not "
                                        "listed are td columns this version does not know; they are kept."},
                    {"type", "object"},
                    {"required", std::move(required)},
                    {"properties", std::move(properties)},
                    {"additionalProperties", true}};
}

}  // namespace gittd::format
