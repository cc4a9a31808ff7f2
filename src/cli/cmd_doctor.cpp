// git td doctor: checks the clone's setup, td's database and the export tree
// (setup/doctor.hpp), prints each finding with the command that fixes it, and
// exits 1 when something is wrong.
#include <filesystem>

#include "cli/commands.hpp"
#include "gittd/setup/doctor.hpp"
#include "gittd/util/process.hpp"

namespace gittd::cli {

void register_doctor(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* command = app.add_subcommand(
        "doctor", "Check git-td's setup, td's database and the export tree; print the fix for each problem");
    command->footer(
        "Examples:\n  git td doctor             (exit 1 and a fix for each problem found)\n  git td --json doctor");
    command->callback([&options, &exit_code] {
        enter_start_directory(options);
        const Output output(options);
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        setup::DoctorOptions doctor;
        doctor.self = self_executable();
        // Fixes are spelled so that they work where the user is: from the -C
        // directory, with the same --db.
        if (options.directory != ".")
            doctor.style.prefix = "cd " + shell_quote(std::filesystem::current_path().string()) + " && ";
        if (options.database) {
            doctor.style.git_td += " --db " + shell_quote(std::filesystem::absolute(*options.database).string());
        }
        const std::vector<setup::Finding> findings = setup::run_doctor(workspace, doctor);

        size_t problems = 0;
        format::Document list = format::Document::array();
        for (const setup::Finding& f : findings) {
            problems += f.ok ? 0 : 1;
            output.say((f.ok ? "ok       " : "PROBLEM  ") + f.check + ": " + f.message);
            if (!f.fix.empty()) output.say("         fix: " + f.fix);
            list.push_back({{"check", f.check}, {"ok", f.ok}, {"message", f.message}, {"fix", f.fix}});
        }
        output.say(problems == 0 ? "git-td is set up and healthy here"
                                 : std::to_string(problems) + (problems == 1 ? " problem" : " problems") +
                                       "; run the fixes above");
        output.finish({{"ok", problems == 0}, {"problems", problems}, {"findings", list}}, Diagnostics{});
        exit_code = problems == 0 ? 0 : 1;
    });
}

}  // namespace gittd::cli
