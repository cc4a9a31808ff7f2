#include <catch2/catch.hpp>

#include <string>

#include "gittd/exchange/diff_markdown.hpp"

using gittd::exchange::RecordDiff;
using gittd::exchange::TaskDiff;
using gittd::format::Document;

namespace {

RecordDiff created_issue(const std::string& id, const std::string& title) {
    RecordDiff record;
    record.folder = "issues";
    record.id = id;
    record.change = RecordDiff::Change::added;
    record.after = Document{{"id", id}, {"title", title}, {"status", "open"}};
    return record;
}

}  // namespace

TEST_CASE("the markdown summary escapes what would break the table and caps its rows") {
    TaskDiff diff;
    diff.records.push_back(created_issue("td-000001", "Pipes | *stars* @someone <b>\nsecond line"));
    diff.records.push_back(created_issue("td-000002", std::string(100, 'x')));
    diff.records.push_back(created_issue("td-000003", "Third"));
    const std::string markdown = gittd::exchange::render_markdown(diff, 2);
    CHECK(markdown.find("3 created\n") != std::string::npos);
    CHECK(markdown.find("| `td-000001` | Pipes \\| \\*stars\\* \\@someone \\<b\\> second line | created |") !=
          std::string::npos);
    CHECK(markdown.find("| `td-000002` | " + std::string(80, 'x') + "… | created |") != std::string::npos);
    CHECK(markdown.find("td-000003") == std::string::npos);
    CHECK(markdown.find("and 1 more issue |") != std::string::npos);
}

TEST_CASE("the counts line names only what happened, and says when nothing did") {
    CHECK(gittd::exchange::counts_line({}) == "no task changes");
    gittd::exchange::DiffCounts counts;
    counts.issues_closed = 3;
    counts.logs = 1;
    counts.set_aside = 2;
    CHECK(gittd::exchange::counts_line(counts) == "3 closed · 1 log · 2 set aside");
}
