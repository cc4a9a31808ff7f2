#pragma once
// A task diff as a pull-request comment: one line of counts ("3 closed ·
// 1 reopened · 12 logs · 2 set aside") and a table of the issues that
// changed, at most `max_rows` of them (the rest counted in a last row), so a
// change of thousands of records stays far below a host's comment limit
// (GitHub's is 65,536 characters).
#include <cstddef>
#include <string>

#include "gittd/exchange/task_diff.hpp"

namespace gittd::exchange {

inline constexpr size_t default_markdown_rows = 50;

// The counts line alone ("no task changes" when there are none).
std::string counts_line(const DiffCounts& counts);

std::string render_markdown(const TaskDiff& diff, size_t max_rows = default_markdown_rows);

// What happened to an issue, in a few words: "created", "closed",
// "title, priority changed", "2 set aside" appended when values were set aside.
std::string issue_change_words(const RecordDiff& record);

}  // namespace gittd::exchange
