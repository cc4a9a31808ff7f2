// Doctor's checks of the clone's setup: what `git td init` writes and where.
#include "gittd/setup/doctor.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gittd/git/config.hpp"
#include "gittd/git/path_rules.hpp"
#include "gittd/setup/attributes.hpp"
#include "gittd/setup/clone_config.hpp"
#include "gittd/setup/driver_command.hpp"
#include "gittd/setup/gitignore.hpp"
#include "gittd/setup/hooks.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/process.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

namespace {

struct Context {
    const exchange::Workspace& workspace;
    const DoctorOptions& options;
    git::Config& config;
    std::string init;  // the fix most findings share
    std::string relative(const fs::path& path) const {
        return path.lexically_relative(workspace.repo.workdir).generic_string();
    }
};

Finding problem(std::string check, std::string message, std::string fix) {
    return {std::move(check), false, std::move(message), std::move(fix)};
}
Finding fine(std::string check, std::string message) { return {std::move(check), true, std::move(message), ""}; }

Finding check_setup(const Context& c, std::optional<Mode>& mode) {
    try {
        mode = configured_mode(c.config);
    } catch (const Error& e) {
        return problem("setup", e.what(), c.init);
    }
    if (!mode) return problem("setup", "git-td is not set up in this clone (no git-td.mode in .git/config)", c.init);
    return fine("setup", mode_name(*mode) + " mode");
}

Finding check_tree_config(const Context& c) {
    const fs::path path = c.workspace.export_dir / tree::tree_config_name;
    try {
        const std::optional<tree::TreeConfig> config = tree::read_tree_config(exchange::working_tree(c.workspace));
        if (!config) return problem("tree_config", c.relative(path) + " is missing", c.init);
        return fine("tree_config", c.relative(path) + ": format " + std::string(format::extension(config->format)));
    } catch (const Error& e) {
        return problem("tree_config", e.what(), "${EDITOR:-vi} " + shell_quote(path.string()));
    }
}

// The ignore rule git applies to `path`, as 'git check-ignore -v' names it:
// its file, line and pattern. nullopt when git cannot be asked (libgit2 says
// whether a path is ignored, not by which rule).
struct IgnoreRule {
    std::string source, line, pattern;
    std::string text() const { return source + ":" + line + ":" + pattern; }
};

std::optional<IgnoreRule> ignore_rule(const Context& c, const std::string& path) {
    // One line, "<source>:<line>:<pattern>\t<path>" (-z needs --stdin).
    const std::optional<std::string> out =
        program_output({"git", "check-ignore", "-v", "--no-index", "--", path}, c.workspace.repo.workdir);
    if (!out) return std::nullopt;
    const std::string rule = out->substr(0, out->find('\t'));
    // The source is what comes before the first ":<digits>:".
    for (size_t colon = rule.find(':'); colon != std::string::npos; colon = rule.find(':', colon + 1)) {
        size_t end = colon + 1;
        while (end < rule.size() && rule[end] >= '0' && rule[end] <= '9') ++end;
        if (end > colon + 1 && end < rule.size() && rule[end] == ':' && colon > 0) {
            return IgnoreRule{rule.substr(0, colon), rule.substr(colon + 1, end - colon - 1), rule.substr(end + 1)};
        }
    }
    return std::nullopt;
}

Finding check_gitignore(const Context& c) {
    const std::string tree = c.relative(c.workspace.export_dir);
    const std::string probe = tree + "/" + tree::tree_config_name;
    // git's own answer first: libgit2 misses a directory rule that comes after
    // a re-inclusion ('.todos/*', '!.todos/export/', '.todos/').
    std::optional<IgnoreRule> rule = ignore_rule(c, probe);
    if (rule && !rule->pattern.empty() && rule->pattern.front() == '!') rule.reset();
    const bool hidden = rule || git::is_ignored(c.workspace.git, probe);
    const std::string text = read_file_in(c.workspace.repo.workdir, ".gitignore").value_or("");
    if (reinclude_export_tree(text) != text) {
        if (!hidden)
            return problem("gitignore", ".gitignore has no rule keeping td's database (.todos/) out of git", c.init);
        // The rule that hides the tree is usually .gitignore's own, but another
        // file's can hide it as well: named as git names it.
        const bool elsewhere = rule && rule->source != ".gitignore";
        return problem(
            "gitignore",
            (rule ? rule->text() : std::string(".gitignore's '.todos/' rule")) + " hides " + tree +
                "/ (git cannot re-include a path below an excluded directory, and only a "
                "re-inclusion after the last rule that excludes .todos counts)",
            elsewhere ? c.init + "; then run: " + c.options.style.prefix + "git check-ignore -v " + probe : c.init);
    }
    if (hidden) {
        if (!rule) {
            return problem("gitignore",
                           "another ignore rule (.git/info/exclude, a global excludes file, a nested .gitignore) "
                           "hides " +
                               tree + "/",
                           c.options.style.prefix + "git check-ignore -v " + probe + "  # then re-include it with '!" +
                               tree + "/' after the rule shown");
        }
        return problem("gitignore", rule->text() + " hides " + tree + "/",
                       c.options.style.prefix + "${EDITOR:-vi} +" + rule->line + " " + shell_quote(rule->source) +
                           "  # line " + rule->line + ": remove '" + rule->pattern +
                           "', or make it '.todos/*' "
                           "followed by '!" +
                           tree + "/'");
    }
    if (!git::is_ignored(c.workspace.git, ".todos/issues.db")) {
        return problem("gitignore", "git does not ignore .todos/issues.db: 'git add -A' would commit td's database",
                       c.options.style.prefix +
                           "git check-ignore -v --no-index .todos/issues.db  # then remove "
                           "the rule that re-includes it");
    }
    return fine("gitignore", "git sees " + tree + "/ and ignores td's database");
}

Finding check_attributes(const Context& c, format::Format format) {
    const fs::path path = c.workspace.export_dir / attributes_name;
    const tree::WorkingTree tree = exchange::working_tree(c.workspace);
    if (!has_record_attributes(read_file_in(tree.top(), tree.relative(attributes_name)).value_or(""))) {
        return problem("attributes", c.relative(path) + " lacks git-td's lines (merge=td-record ...)", c.init);
    }
    const std::string probe =
        c.relative(c.workspace.export_dir / "issues" / "td-000000.") + std::string(format::extension(format));
    const std::optional<std::string> merge = git::attribute(c.workspace.git, probe, "merge");
    if (merge != std::optional<std::string>("td-record")) {
        return problem("attributes",
                       "another attributes file overrides " + c.relative(path) +
                           ": a record file gets merge=" + merge.value_or("unspecified"),
                       c.options.style.prefix + "git check-attr -a " + probe + "  # then fix the file that sets it");
    }
    return fine("attributes", c.relative(path) + ": record files merge with td-record");
}

Finding check_merge_driver(const Context& c) {
    const std::optional<std::string> command = c.config.get(driver_key);
    if (!command) {
        return problem("merge_driver", std::string(driver_key) + " is not set: git merges record files line by line",
                       c.init);
    }
    const std::optional<std::string> program = driver_command_program(*command);
    if (!program || program->empty()) {
        return problem("merge_driver",
                       std::string(driver_key) + " = " + *command + ": cannot tell which program it runs", c.init);
    }
    if (!find_program(*program)) {
        const std::string sibling = merge_driver_program(c.options.self);
        const std::string fix = sibling != merge_driver_name && sibling != *program
                                    ? c.init
                                    : "install git-td-merge-driver beside git-td or on PATH, then run: " + c.init;
        return problem("merge_driver",
                       std::string(driver_key) + " runs " + *program + ", which is not an executable file" +
                           (program->find('/') == std::string::npos ? " on PATH" : ""),
                       fix);
    }
    // Another program under git-td's driver name would merge every record
    // file, unseen: git-td's is named git-td-merge-driver wherever it lives.
    if (fs::path(*program).filename() != merge_driver_name) {
        return problem("merge_driver",
                       std::string(driver_key) + " runs " + *program + ", which is not git-td's merge driver (" +
                           std::string(merge_driver_name) + ")",
                       c.init);
    }
    if (!c.config.get(driver_name_key)) {
        return problem("merge_driver", std::string(driver_name_key) + " is not set", c.init);
    }
    return fine("merge_driver", std::string(driver_key) + " runs " + find_program(*program)->string());
}

Finding check_diff_header(const Context& c) {
    if (c.config.get(diff_header_key) != std::optional<std::string>(diff_header_pattern)) {
        return problem("diff_header",
                       std::string(diff_header_key) +
                           " is not git-td's: hunk headers of record diffs show a YAML line, not the record's title",
                       c.init);
    }
    return fine("diff_header", "hunk headers of record diffs name the record");
}

std::vector<Finding> check_hooks(const Context& c, Mode mode) {
    std::vector<Finding> findings;
    const fs::path dir = hooks_dir(c.workspace.repo, c.config);
    for (const HookScript& script : hook_scripts()) {
        const HookStatus status = hook_status(dir, script);
        const std::string check = "hook:" + status.name;
        const std::string chained = status.name + chained_suffix;
        if (mode == Mode::branch) {
            if (status.state == HookState::current || status.state == HookState::outdated) {
                findings.push_back(problem(check,
                                           status.path.string() +
                                               " is git-td's, but this clone is in branch "
                                               "mode, where no hook may export into the code branches",
                                           c.options.style.prefix + c.options.style.git_td + " init --mode branch"));
            }
            continue;
        }
        switch (status.state) {
            case HookState::missing:
                findings.push_back(problem(check, status.path.string() + " is not installed", c.init));
                break;
            case HookState::foreign:
                findings.push_back(
                    status.chained
                        ? problem(
                              check, status.path.string() + " is not git-td's, and " + chained + " exists too",
                              "merge " + status.path.string() + " into " + chained + ", remove it, then run: " + c.init)
                        : problem(check, status.path.string() + " is another hook, not git-td's",
                                  c.init + "  # keeps it as " + chained + " and runs it first"));
                break;
            case HookState::outdated:
                findings.push_back(problem(check, status.path.string() + " is from another git-td version", c.init));
                break;
            case HookState::current:
                if (!status.executable) {
                    findings.push_back(problem(check, status.path.string() + " is not executable, so git skips it",
                                               "chmod +x " + shell_quote(status.path.string())));
                } else {
                    findings.push_back(fine(check, status.path.string() + " is installed" +
                                                       (status.chained ? " (runs " + chained + " first)" : "")));
                }
                break;
        }
    }
    if (mode == Mode::branch) {
        if (findings.empty()) findings.push_back(fine("hooks", "branch mode: no git-td hooks, as it should be"));
        return findings;
    }
    if (!find_program("git-td")) {
        const std::string dir_of_self =
            c.options.self ? c.options.self->parent_path().string() : std::string("/where/git-td/is");
        findings.push_back(problem("git_td_on_path", "git-td is not on PATH: the hooks skip their work with a warning",
                                   "export PATH=" + shell_quote(dir_of_self) + ":\"$PATH\""));
    } else {
        findings.push_back(fine("git_td_on_path", "the hooks run " + find_program("git-td")->string()));
    }
    return findings;
}

// Runs one check; a failure to check is a finding too.
void collect(std::vector<Finding>& findings, const std::string& check,
             const std::function<std::vector<Finding>()>& run) {
    try {
        for (Finding& f : run()) findings.push_back(std::move(f));
    } catch (const Error& e) {
        findings.push_back(problem(check, std::string("could not check: ") + e.what(), ""));
    }
}

}  // namespace

std::vector<Finding> run_doctor(const exchange::Workspace& workspace, const DoctorOptions& options) {
    git::Config config(workspace.git);
    const Context c{workspace, options, config, options.style.prefix + options.style.git_td + " init"};
    std::vector<Finding> findings;
    std::optional<Mode> mode;
    findings.push_back(check_setup(c, mode));
    bool tree_reachable = true;
    collect(findings, "links", [&] { return check_links(workspace, tree_reachable); });
    format::Format format = format::Format::yaml;
    collect(findings, "tree_config", [&] {
        Finding f = check_tree_config(c);
        if (f.ok) {
            if (auto tree = tree::read_tree_config(exchange::working_tree(workspace))) format = tree->format;
        }
        return std::vector<Finding>{f};
    });
    collect(findings, "gitignore", [&] { return std::vector<Finding>{check_gitignore(c)}; });
    collect(findings, "attributes", [&] { return std::vector<Finding>{check_attributes(c, format)}; });
    collect(findings, "merge_driver", [&] { return std::vector<Finding>{check_merge_driver(c)}; });
    collect(findings, "diff_header", [&] { return std::vector<Finding>{check_diff_header(c)}; });
    // A clone that never ran init is checked against what init would set up: inline.
    collect(findings, "hooks", [&] { return check_hooks(c, mode.value_or(Mode::inline_mode)); });
    // td's database lives in .todos too: nothing is opened through a link.
    if (tree_reachable) {
        collect(findings, "database", [&] { return check_database(workspace, options.style); });
        collect(findings, "conflict_markers", [&] { return check_conflict_markers(workspace, options.style); });
    }
    return findings;
}

}  // namespace gittd::setup
