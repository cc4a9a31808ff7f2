// Modify/delete as `git td resolve` settles it (src/gittd/merge/modify_delete.hpp):
// the edit wins, soft-deleted where td soft-deletes, and the delete stays
// visible as a modified-while-deleted entry.
#include <catch2/catch.hpp>

#include "gittd/merge/modify_delete.hpp"
#include "gittd/model/kinds.hpp"

using gittd::format::Document;
namespace model = gittd::model;
namespace gs = gittd::merge;

namespace {

const model::Kind& kind(const char* folder) { return *model::kind_by_folder(folder); }

Document issue(const char* title) {
    return {{"id", "td-000001"},
            {"title", title},
            {"created_at", "2026-04-01T00:00:00Z"},
            {"updated_at", "2026-04-03T10:00:00Z"},
            {"deleted_at", nullptr}};
}

}  // namespace

TEST_CASE("modify/delete keeps the edit, soft-deleted, with a modified-while-deleted entry") {
    const Document base = issue("Before");
    const Document edited = issue("After");
    const Document kept = gs::keep_edit_over_delete(kind("issues"), &base, edited);
    CHECK(kept["title"] == "After");
    CHECK(kept["deleted_at"] == "2026-04-03T10:00:00Z");  // its updated_at: no clock is read
    REQUIRE(kept["conflicts"].size() == 1);
    CHECK(kept["conflicts"][0]["rule"] == "modified-while-deleted");
    CHECK(kept["conflicts"][0]["field"] == "deleted_at");
    CHECK(kept["conflicts"][0]["chosen"] == "2026-04-03T10:00:00Z");
    // A record already soft-deleted keeps its own deleted_at.
    Document deleted = issue("After");
    deleted["deleted_at"] = "2026-04-02T00:00:00Z";
    CHECK(gs::keep_edit_over_delete(kind("issues"), &base, deleted)["deleted_at"] == "2026-04-02T00:00:00Z");
    // Write-once kinds are kept as they are; the entry is on the id.
    const Document log = {
        {"id", "lg-1"}, {"issue_id", "td-1"}, {"message", "m"}, {"timestamp", "2026-04-01T00:00:00Z"}};
    const Document kept_log = gs::keep_edit_over_delete(kind("logs"), &log, log);
    CHECK_FALSE(kept_log.contains("deleted_at"));
    CHECK(kept_log["conflicts"][0]["field"] == "id");
    CHECK(kept_log["conflicts"][0]["values"] == Document::array({"lg-1", nullptr}));
}
