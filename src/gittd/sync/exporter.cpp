#include "gittd/sync/exporter.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "gittd/model/kinds.hpp"
#include "gittd/sync/row_codec.hpp"
#include "gittd/sync/tree_config.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/safe_id.hpp"

namespace gittd::sync {

namespace fs = std::filesystem;

namespace {

bool is_record_extension(const fs::path& extension) {
    return extension == ".yaml" || extension == ".json";
}

// Record files already in a kind's folder: file name -> is it in the current
// format. Other files (a README someone added) are left alone.
std::set<std::string> existing_record_files(const fs::path& folder) {
    std::set<std::string> names;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const fs::path name = entry.path().filename();
        if (entry.is_regular_file() && is_record_extension(name.extension()) &&
            is_safe_id(name.stem().string())) {
            names.insert(name.string());
        }
    }
    return names;
}

std::vector<std::string> columns_to_read(const db::TdDatabase& database, const model::Kind& kind) {
    return database.columns(std::string(kind.table));
}

bool is_excluded(const model::Kind& kind, const std::string& id) {
    return std::find(kind.excluded_ids.begin(), kind.excluded_ids.end(), id) != kind.excluded_ids.end();
}

// First pass: every id must be a safe file name before any file is written.
size_t validate_ids(db::TdDatabase::ReadSnapshot& snapshot, const db::TdDatabase& database) {
    size_t total = 0;
    for (const model::Kind& kind : model::all_kinds()) {
        if (!database.has_table(std::string(kind.table))) continue;
        snapshot.for_each_row(std::string(kind.table), {"id"}, [&](std::vector<db::Value>& row) {
            const std::string id = row_id(kind, row[0]);
            if (is_excluded(kind, id)) return;
            require_safe_id(id, std::string(kind.table) + " row");
            ++total;
        });
    }
    return total;
}

}  // namespace

ExportReport export_tree(db::TdDatabase& database, const fs::path& export_dir,
                         const ExportOptions& options, Diagnostics& diagnostics) {
    const std::optional<TreeConfig> stored_config = read_tree_config(export_dir);
    TreeConfig config = stored_config.value_or(TreeConfig{});
    if (options.switch_format) config.format = *options.switch_format;
    const std::string extension = "." + std::string(format::extension(config.format));

    ExportReport report;
    report.format = config.format;
    db::TdDatabase::ReadSnapshot snapshot(database);
    const size_t total = validate_ids(snapshot, database);

    size_t files_in_tree = 0;
    std::vector<std::set<std::string>> existing;
    for (const model::Kind& kind : model::all_kinds()) {
        existing.push_back(existing_record_files(export_dir / kind.folder));
        files_in_tree += existing.back().size();
    }
    if (total == 0 && files_in_tree > 0 && !options.force) {
        throw Error(ErrorCode::guard,
                    database.path().string() + ": the database has no records but " +
                        export_dir.string() + " holds " + std::to_string(files_in_tree) +
                        " record files; exporting would delete them all. Is --db right? "
                        "Use --force if this is really meant");
    }

    // Every changed file is staged first and renamed into place only after the
    // last record converted: a failure half-way leaves the tree as it was.
    StagedWrites writes;
    std::vector<std::string> removals;  // strings: see StagedWrites on path's memory
    size_t done = 0;
    size_t kind_index = 0;
    for (const model::Kind& kind : model::all_kinds()) {
        std::set<std::string>& files = existing[kind_index++];
        KindCounts counts{std::string(kind.folder)};
        const fs::path folder = export_dir / kind.folder;
        std::unordered_set<std::string> current;
        const std::string table(kind.table);
        if (database.has_table(table)) {
            const std::vector<std::string> columns = columns_to_read(database, kind);
            const RowLayout layout(kind, columns);
            snapshot.for_each_row(table, columns, [&](std::vector<db::Value>& row) {
                const std::string id = row_id(kind, row[layout.id_column()]);
                if (is_excluded(kind, id)) return;
                const std::string name = id + extension;
                current.insert(name);
                ++counts.records;
                const std::string bytes = format::encode(layout.to_document(row, diagnostics), config.format);
                const fs::path path = folder / name;
                const bool exists = files.count(name) > 0;
                if (!exists || read_file_if_exists(path) != bytes) {
                    ++counts.written;
                    report.written_paths.push_back(std::string(kind.folder) + "/" + name);
                    if (!options.dry_run) writes.stage(path, bytes);
                }
                if (options.progress && ++done % 1000 == 0) options.progress(done, total);
            });
        }
        for (const std::string& name : files) {
            if (current.count(name)) continue;
            ++counts.removed;
            report.removed_paths.push_back(std::string(kind.folder) + "/" + name);
            removals.push_back((folder / name).native());
        }
        report.records += counts.records;
        report.written += counts.written;
        report.removed += counts.removed;
        report.kinds.push_back(std::move(counts));
    }
    if (options.progress) options.progress(total, total);
    if (options.dry_run) return report;
    writes.commit();
    if (!stored_config || options.switch_format) write_tree_config(export_dir, config);
    for (const std::string& path : removals) {
        std::error_code ec;
        fs::remove(path, ec);
        if (ec) throw Error(ErrorCode::io, path + ": cannot remove: " + ec.message());
    }
    return report;
}

}  // namespace gittd::sync
