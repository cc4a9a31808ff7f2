#include "gittd/exchange/open_conflicts.hpp"

#include "gittd/format/codec.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::exchange {

namespace {

std::string naming_text(const format::Document& record) {
    for (const char* field : {"title", "message", "text", "name", "content"}) {
        if (record.contains(field) && record[field].is_string()) {
            const std::string text = record[field].get<std::string>();
            return text.substr(0, text.find('\n'));
        }
    }
    return {};
}

}  // namespace

std::string OpenConflict::entry_id() const {
    return entry.contains("id") && entry["id"].is_string() ? entry["id"].get<std::string>() : std::string();
}

std::vector<OpenConflict> list_open_conflicts(const tree::RecordSource& source) {
    std::vector<OpenConflict> found;
    for (const model::Kind& kind : model::all_kinds()) {
        std::vector<std::string> names;
        source.list(kind, [&names](const tree::SourceEntry& entry) {
            if (entry.regular) names.emplace_back(entry.name);
        });
        for (const std::string& name : names) {
            const auto [stem, extension] = tree::split_file_name(name);
            if (!tree::is_record_extension(extension) || !is_safe_id(stem)) continue;
            const std::optional<std::string> bytes = source.read(kind, name);
            if (!bytes || bytes->find("conflicts") == std::string::npos) continue;
            const format::Format format = extension == "json" ? format::Format::json : format::Format::yaml;
            const std::string file = source.describe(std::string(kind.folder) + "/" + name);
            const format::Document record = format::decode(*bytes, format, file);
            if (!record.is_object() || !record.contains("conflicts") || !record["conflicts"].is_array()) continue;
            for (const format::Document& entry : record["conflicts"]) {
                found.push_back({std::string(kind.folder), std::string(stem), naming_text(record), file, entry});
            }
        }
    }
    return found;
}

std::optional<OpenConflict> find_open_conflict(const tree::RecordSource& source, const std::string& entry_id) {
    for (OpenConflict& conflict : list_open_conflicts(source)) {
        if (conflict.entry_id() == entry_id) return std::move(conflict);
    }
    return std::nullopt;
}

}  // namespace gittd::exchange
