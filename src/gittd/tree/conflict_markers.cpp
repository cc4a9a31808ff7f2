#include "gittd/tree/conflict_markers.hpp"

#include <algorithm>

#include "gittd/format/codec.hpp"
#include "gittd/tree/record_path.hpp"

namespace gittd::tree {

MarkerScan scan_conflict_markers(const RecordSource& source) {
    MarkerScan scan;
    for (const model::Kind& kind : model::all_kinds()) {
        std::vector<std::string> names;
        source.list(kind, [&](const SourceEntry& entry) {
            if (entry.regular && is_record_extension(split_file_name(entry.name).extension)) {
                names.emplace_back(entry.name);
            }
        });
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) {
            ++scan.files;
            const std::optional<std::string> text = source.read(kind, name);
            const std::optional<size_t> line = text ? format::find_conflict_marker(*text) : std::nullopt;
            if (line) scan.marked.push_back({std::string(kind.folder) + "/" + name, *line});
        }
    }
    return scan;
}

}  // namespace gittd::tree
