#pragma once
// A whole issue as export writes it (every field, td's column order, the
// example of DESIGN §2.1): the fixture unit tests start from and then edit.
#include "gittd/format/document.hpp"

namespace gittd::testing {

inline format::Document sample_issue() {
    format::Document d = format::Document::object();
    d["id"] = "td-a1b2c3";
    d["title"] = "Fix login redirect";
    d["description"] =
        "Users land on /home after login.\n\nExpected: back to the page they came from.\nSteps:\n"
        "1. open /settings\n2. log in\n";
    d["status"] = "open";
    d["type"] = "bug";
    d["priority"] = "P2";
    d["points"] = 3;
    d["labels"] = format::Document::array({"auth"});
    d["parent_id"] = "";
    d["acceptance"] = "";
    d["implementer_session"] = "";
    d["reviewer_session"] = "";
    d["created_at"] = "2026-03-27T01:31:04.633958Z";
    d["updated_at"] = "2026-03-28T09:02:11Z";
    d["closed_at"] = nullptr;
    d["deleted_at"] = nullptr;
    d["minor"] = false;
    d["created_branch"] = "main";
    d["creator_session"] = "ses_9f8e7d";
    d["sprint"] = "";
    d["defer_until"] = nullptr;
    d["due_date"] = nullptr;
    d["defer_count"] = 0;
    d["reviewed_at"] = nullptr;
    d["review_requested_by_session"] = "";
    d["closed_by_session"] = "";
    return d;
}

}  // namespace gittd::testing
