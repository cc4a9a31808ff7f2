#pragma once
// A progress bar on stderr for a step that takes more than a second, the
// way git shows "Receiving objects: 45% (450/1000)": drawn only for a person
// at a terminal, never in a pipe, a CI log (CI set) or JSON mode, and only
// once a step has run for a second, so a quick command prints nothing extra.
#include <chrono>
#include <string>

#include "cli/output.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::cli {

class ProgressBar {
  public:
    explicit ProgressBar(const Output& output);
    ~ProgressBar() { finish(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // What the library calls (util/progress.hpp); valid while the bar lives.
    Progress callback();
    void update(std::string_view step, size_t done, size_t total);
    // Ends a line left drawn, so what the command prints next starts on its own.
    void finish();

  private:
    void draw(size_t done, size_t total, bool last);

    using Clock = std::chrono::steady_clock;
    bool enabled_ = false;
    Clock::duration delay_;  // how long a step runs before it is drawn
    std::string step_;
    std::string finished_;  // the step that printed its ", done." (libgit2 reports a step again after its end)
    Clock::time_point step_started_{}, last_drawn_{};
    bool drawn_ = false;  // the current step's line is on the screen
};

}  // namespace gittd::cli
