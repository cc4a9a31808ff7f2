// Doctor's checks of td's database and of the export tree's record files.
#include <optional>

#include "gittd/db/td_database.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/setup/doctor.hpp"
#include "gittd/tree/conflict_markers.hpp"
#include "gittd/tree/working_tree.hpp"
#include "gittd/util/directory_scan.hpp"
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

std::vector<Finding> check_links(const exchange::Workspace& workspace, bool& tree_reachable) {
    const fs::path& top = workspace.repo.workdir;
    const std::string tree = exchange::working_tree(workspace).relative("");
    std::vector<std::string> links;
    auto is_link = [&](const std::string& relative) {
        struct stat info {};
        return ::lstat((top / relative).c_str(), &info) == 0 && S_ISLNK(info.st_mode);
    };
    for (const std::string& relative : {std::string(".gitignore"), std::string(".todos"), tree}) {
        if (is_link(relative)) links.push_back(relative);
    }
    tree_reachable = !is_link(".todos") && !is_link(tree);
    if (tree_reachable) {
        // Only lstat: a link is reported, never followed.
        scan_directory(top / tree, [&](std::string_view name, const struct stat& info) {
            const std::string entry = tree + "/" + std::string(name);
            if (S_ISLNK(info.st_mode)) links.push_back(entry);
            if (!S_ISDIR(info.st_mode)) return;
            scan_directory(top / entry, [&](std::string_view file, const struct stat& file_info) {
                if (S_ISLNK(file_info.st_mode)) links.push_back(entry + "/" + std::string(file));
            });
        });
    }
    std::vector<Finding> findings;
    findings.reserve(links.size() + 1);
    for (const std::string& link : links) {
        findings.push_back({"links", false,
                            (top / link).string() +
                                ": is a symbolic link; git-td never follows links in the export tree (a clone's "
                                "tree comes from whoever can push), so export, import and init refuse to run",
                            "git rm " + shell_quote(link) + "  # or, if the link is not committed: rm " +
                                shell_quote((top / link).string())});
    }
    if (findings.empty()) findings.push_back({"links", true, "no symbolic link at .gitignore or in " + tree + "/", ""});
    return findings;
}

std::vector<Finding> check_database(const exchange::Workspace& workspace, const FixStyle& style) {
    const std::string path = workspace.database.string();
    std::error_code ec;
    if (!fs::exists(workspace.database, ec)) {
        // 'td init' refuses where .todos/ exists; git td init creates the
        // database as td would and imports the tree into it.
        return {{"database", false, path + ": no td database here, so there is nothing to export or import into",
                 style.prefix + style.git_td + " init"}};
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
            return {{"database", false,
                     said + ", older than " + std::to_string(oldest_schema) +
                         ", the oldest git-td reads; let a current td migrate it",
                     style.prefix + "td list"}};
        }
        if (*version > newest_schema) {
            return {{"database", false,
                     said + ", newer than " + std::to_string(newest_schema) +
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
    tree::MarkerScan scan;
    try {
        scan = tree::scan_conflict_markers(exchange::working_tree(workspace));
    } catch (const Error& e) {
        return {{"conflict_markers", false, e.what(), "ls -lR " + shell_quote(workspace.export_dir.string())}};
    }
    std::vector<Finding> findings;
    const std::string tree_path = workspace.export_dir.lexically_relative(workspace.repo.workdir).string();
    for (size_t i = 0; i < scan.marked.size() && i < listed_marker_files; ++i) {
        const tree::MarkedFile& marked = scan.marked[i];
        const std::string path = (workspace.export_dir / marked.path).string();
        const std::string file = shell_quote(path);
        findings.push_back(
            {"conflict_markers", false,
             tree_path + "/" + marked.path + ":" + std::to_string(marked.line) +
                 ": git conflict markers; import refuses the file until one version is kept",
             style.prefix + "${EDITOR:-vi} " + file + " && git add " + file + " && " + style.git_td + " import"});
    }
    if (scan.marked.size() > listed_marker_files) {
        findings.push_back(
            {"conflict_markers", false,
             std::to_string(scan.marked.size() - listed_marker_files) + " more record files have conflict markers",
             style.prefix + "git grep -l -E '^(<{7}|>{7})' -- ':/.todos/export'"});
    }
    if (findings.empty()) {
        findings.push_back(
            {"conflict_markers", true, "no conflict markers in " + std::to_string(scan.files) + " record files", ""});
    }
    return findings;
}

}  // namespace gittd::setup
