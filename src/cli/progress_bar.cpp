#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string_view>

namespace gittd::cli {

namespace {

// CI systems set CI (GitHub Actions, GitLab, most others): their logs are no
// terminal even when they pretend to be one.
bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && *ci && std::string_view(ci) != "false" && std::string_view(ci) != "0";
}

// GITTD_PROGRESS_DELAY_MS: lets a test see the bar without a second's work.
std::chrono::milliseconds delay_from_environment() {
    if (const char* ms = std::getenv("GITTD_PROGRESS_DELAY_MS"); ms && *ms) {
        char* end = nullptr;
        const long value = std::strtol(ms, &end, 10);
        if (end && *end == '\0' && value >= 0) return std::chrono::milliseconds(value);
    }
    return std::chrono::milliseconds(1000);
}

}  // namespace

ProgressBar::ProgressBar(const Output& output)
    : enabled_(!output.json() && ::isatty(STDERR_FILENO) == 1 && !in_ci()), delay_(delay_from_environment()) {}

void ProgressBar::finish() {
    if (drawn_) std::cerr << "\n" << std::flush;
    drawn_ = false;
    step_.clear();
}

Progress ProgressBar::callback() {
    if (!enabled_) return {};
    return [this](std::string_view step, size_t done, size_t total) { update(step, done, total); };
}

void ProgressBar::update(std::string_view step, size_t done, size_t total) {
    if (!enabled_) return;
    if (step == finished_) return;
    finished_.clear();
    const Clock::time_point now = Clock::now();
    if (step != step_) {
        if (drawn_) std::cerr << "\n";
        step_ = step;
        step_started_ = now;
        drawn_ = false;
    }
    const bool last = total > 0 && done >= total;
    if (now - step_started_ < delay_) return;
    // A redraw ten times a second is enough for an eye and cheap for a 240k-record loop.
    if (drawn_ && !last && now - last_drawn_ < std::chrono::milliseconds(100)) return;
    draw(done, total, last);
    last_drawn_ = now;
}

void ProgressBar::draw(size_t done, size_t total, bool last) {
    std::cerr << "\r" << step_ << ": ";
    if (total > 0) {
        const size_t width = 30, filled = std::min(done, total) * width / total;
        std::cerr << std::min(done, total) * 100 / total << "% [" << std::string(filled, '#')
                  << std::string(width - filled, ' ') << "] " << std::min(done, total) << "/" << total;
    } else {
        std::cerr << done;
    }
    if (last) {
        std::cerr << ", done.\n";
        drawn_ = false;
        finished_ = step_;
        step_.clear();
    } else {
        drawn_ = true;
    }
    std::cerr << std::flush;
}

}  // namespace gittd::cli
