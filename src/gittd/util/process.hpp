#pragma once
// Programs: this one's own path, finding others on PATH, quoting for a shell
// command line, and running one and waiting for it.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gittd {

// The running executable (/proc/self/exe), or nullopt when it cannot be read.
std::optional<std::filesystem::path> self_executable();

// Where a shell would find `name` through $PATH (an executable regular file),
// or nullopt. A name with a slash is checked as it is.
std::optional<std::filesystem::path> find_program(const std::string& name);

// `word` as one word for sh: unchanged when it holds only characters no shell
// treats specially, else single-quoted (a ' becomes '\'').
std::string shell_quote(std::string_view word);

// Runs argv[0] (found through $PATH) with argv in `directory`, stdin, stdout
// and stderr inherited, and waits. Returns its exit status (128 + signal when
// killed); throws Error(io) when it cannot be started.
int run_program(const std::vector<std::string>& argv, const std::filesystem::path& directory);

// run_program with `input` as its stdin (held in memory, so a program that
// stops reading early cannot block or kill this one with SIGPIPE).
int run_program_with_input(const std::vector<std::string>& argv, const std::filesystem::path& directory,
                           std::string_view input);

// Runs argv as run_program does, with stdin and stderr on /dev/null, and
// returns what it wrote on stdout when it exits 0 (nullopt otherwise, or when
// it cannot be started).
std::optional<std::string> program_output(const std::vector<std::string>& argv, const std::filesystem::path& directory);

// program_output with `input` as its stdin (as run_program_with_input) and
// stderr inherited, so what it says to the user (a prompt, an error) reaches
// them. Throws Error(io) when the input cannot be held.
std::optional<std::string> program_output_with_input(const std::vector<std::string>& argv,
                                                     const std::filesystem::path& directory, std::string_view input);

}  // namespace gittd
