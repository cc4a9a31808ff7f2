// Doctor's checks of td's database and of the export tree's record files.
#include <optional>

#include "gittd/db/td_database.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/setup/doctor.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/process.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

namespace {
// td's schema versions git-td reads (DESIGN §5).
constexpr int oldest_schema = 27;
constexpr int newest_schema = 38;
// Beyond this many files with markers, one finding says how many more.
constexpr size_t listed_marker_files = 20;
}  // namespace

std::vector<Finding> check_database(const exchange::Workspace& workspace, const FixStyle& style) {
    const std::string path = workspace.database.string();
    std::error_code ec;
    if (!fs::exists(workspace.database, ec)) {
        return {{"database", false, path + ": no td database here, so there is nothing to export or import into",
                 style.prefix + "td init"}};
    }
    try {
        db::TdDatabase database = db::TdDatabase::open(workspace.database);
        const std::optional<int> version = database.schema_version();
        if (!version) {
            return {{"database", false, path + ": schema_info has no version; td has not set this database up",
                     style.prefix + "td init"}};
        }
        const std::string said = path + ": td schema version " + std::to_string(*version);
        if (*version < oldest_schema) {
            // td migrates its database whenever it opens it.
            return {{"database", false, said + ", older than " + std::to_string(oldest_schema) +
                                             ", the oldest git-td reads; let a current td migrate it",
                     style.prefix + "td list"}};
        }
        if (*version > newest_schema) {
            return {{"database", false, said + ", newer than " + std::to_string(newest_schema) +
                                             ", the newest this git-td knows; export would leave new columns "
                                             "to chance",
                     "upgrade git-td, then run: " + style.prefix + style.git_td + " doctor"}};
        }
        return {{"database", true, said, ""}};
    } catch (const Error& e) {
        return {{"database", false, e.what(),
                 "sqlite3 " + shell_quote(path) + " 'PRAGMA integrity_check'  # then restore it, or pass --db PATH"}};
    }
}

std::vector<Finding> check_conflict_markers(const exchange::Workspace& workspace, const FixStyle& style) {
    std::vector<Finding> findings;
    size_t files = 0, with_markers = 0;
    for (const model::Kind& kind : model::all_kinds()) {
        const fs::path dir = workspace.export_dir / std::string(kind.folder);
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
            const std::string ext = entry.path().extension().string();
            if ((ext != ".yaml" && ext != ".json") || !entry.is_regular_file(ec)) continue;
            ++files;
            std::optional<std::string> text;
            try {
                text = read_file_if_exists(entry.path());
            } catch (const Error& e) {
                findings.push_back({"conflict_markers", false, e.what(), "ls -l " + shell_quote(entry.path().string())});
                continue;
            }
            const std::optional<size_t> line = text ? format::find_conflict_marker(*text) : std::nullopt;
            if (!line) continue;
            if (++with_markers > listed_marker_files) continue;
            const std::string file = shell_quote(entry.path().string());
            findings.push_back({"conflict_markers", false,
                                entry.path().lexically_relative(workspace.repo.workdir).string() + ":" +
                                    std::to_string(*line) +
                                    ": git conflict markers; import refuses the file until one version is kept",
                                style.prefix + "${EDITOR:-vi} " + file + " && git add " + file + " && " +
                                    style.git_td + " import"});
        }
    }
    if (with_markers > listed_marker_files) {
        findings.push_back({"conflict_markers", false,
                            std::to_string(with_markers - listed_marker_files) + " more record files have conflict markers",
                            style.prefix + "git grep -l -E '^(<{7}|>{7})' -- ':/.todos/export'"});
    }
    if (findings.empty()) {
        findings.push_back(
            {"conflict_markers", true, "no conflict markers in " + std::to_string(files) + " record files", ""});
    }
    return findings;
}

}  // namespace gittd::setup
