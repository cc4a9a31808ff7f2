#include "gittd/model/kinds.hpp"

namespace gittd::model {

namespace {

using enum FieldType;

Field text_field(std::string_view name, Default missing = Default::empty_text) {
    return {name, text, missing};
}
Field nullable(std::string_view name, FieldType type) { return {name, type, Default::null}; }

std::vector<Kind> make_kinds() {
    std::vector<Kind> kinds;
    kinds.push_back(Kind{
        "issue", "issues", "issues",
        {
            nullable("id", text),
            nullable("title", text),
            text_field("description"),
            {"status", text, Default::text_value, "open"},
            {"type", text, Default::text_value, "task"},
            {"priority", text, Default::text_value, "P2"},
            {"points", integer, Default::zero},
            {"labels", labels, Default::empty_list},
            text_field("parent_id"),
            text_field("acceptance"),
            text_field("implementer_session"),
            text_field("reviewer_session"),
            nullable("created_at", datetime),
            nullable("updated_at", datetime),
            nullable("closed_at", datetime),
            nullable("deleted_at", datetime),
            {"minor", boolean, Default::false_},
            text_field("created_branch"),
            text_field("creator_session"),
            text_field("sprint"),
            nullable("defer_until", date),
            nullable("due_date", date),
            {"defer_count", integer, Default::zero},
            nullable("reviewed_at", datetime),
            text_field("review_requested_by_session"),
            text_field("closed_by_session"),
        },
        {}, {}});
    kinds.push_back(Kind{
        "board", "boards", "boards",
        {
            nullable("id", text),
            nullable("name", text),
            nullable("last_viewed_at", datetime),
            nullable("created_at", datetime),
            nullable("updated_at", datetime),
            text_field("query"),
            {"is_builtin", boolean, Default::false_},
            {"view_mode", text, Default::text_value, "swimlanes"},
        },
        {}, {"bd-all-issues"}});
    kinds.push_back(Kind{
        "work_session", "work_sessions", "work_sessions",
        {
            nullable("id", text),
            nullable("name", text),
            nullable("session_id", text),
            nullable("started_at", datetime),
            nullable("ended_at", datetime),
            text_field("start_sha"),
            text_field("end_sha"),
        },
        {"worktree_id", "worktree_root", "repo_root"}, {}});
    kinds.push_back(Kind{
        "note", "notes", "notes",
        {
            nullable("id", text),
            nullable("title", text),
            nullable("content", text),
            nullable("created_at", rfc3339_text),
            nullable("updated_at", rfc3339_text),
            {"pinned", boolean, Default::false_},
            {"archived", boolean, Default::false_},
            nullable("deleted_at", rfc3339_text),
        },
        {}, {}});
    kinds.push_back(Kind{
        "log", "logs", "logs",
        {
            nullable("id", text),
            text_field("issue_id"),
            nullable("session_id", text),
            text_field("work_session_id"),
            nullable("message", text),
            {"type", text, Default::text_value, "progress"},
            nullable("timestamp", datetime),
        },
        {}, {}});
    kinds.push_back(Kind{
        "handoff", "handoffs", "handoffs",
        {
            nullable("id", text),
            nullable("issue_id", text),
            nullable("session_id", text),
            {"done", string_list, Default::empty_list},
            {"remaining", string_list, Default::empty_list},
            {"decisions", string_list, Default::empty_list},
            {"uncertain", string_list, Default::empty_list},
            nullable("timestamp", datetime),
        },
        {}, {}});
    kinds.push_back(Kind{
        "comment", "comments", "comments",
        {
            nullable("id", text),
            nullable("issue_id", text),
            nullable("session_id", text),
            nullable("text", text),
            nullable("created_at", datetime),
        },
        {}, {}});
    kinds.push_back(Kind{
        "dependency", "issue_dependencies", "dependencies",
        {
            nullable("id", text),
            nullable("issue_id", text),
            nullable("depends_on_id", text),
            {"relation_type", text, Default::text_value, "depends_on"},
        },
        {}, {}});
    kinds.push_back(Kind{
        "file", "issue_files", "files",
        {
            nullable("id", text),
            nullable("issue_id", text),
            nullable("file_path", text),
            {"role", text, Default::text_value, "implementation"},
            text_field("linked_sha"),
            nullable("linked_at", datetime),
        },
        {}, {}});
    kinds.push_back(Kind{
        "board_position", "board_issue_positions", "board_positions",
        {
            nullable("id", text),
            nullable("board_id", text),
            nullable("issue_id", text),
            nullable("position", integer),
            nullable("added_at", datetime),
            nullable("deleted_at", datetime),
        },
        {}, {}});
    kinds.push_back(Kind{
        "work_session_issue", "work_session_issues", "work_session_issues",
        {
            nullable("id", text),
            nullable("work_session_id", text),
            nullable("issue_id", text),
            nullable("tagged_at", datetime),
        },
        {}, {}});
    kinds.push_back(Kind{
        "review", "issue_reviews", "reviews",
        {
            nullable("id", text),
            nullable("issue_id", text),
            nullable("reviewer_session", text),
            nullable("decision", text),
            {"summary", text, Default::empty_text},
            text_field("requested_by_session"),
            nullable("created_at", datetime),
            nullable("superseded_at", datetime),
            {"self_review", boolean, Default::false_},
            {"reviewed_by", text, Default::empty_text},
        },
        {}, {}});
    return kinds;
}

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> instance = make_kinds();
    return instance;
}

}  // namespace

const Field* Kind::field(std::string_view field_name) const {
    for (const Field& f : fields) {
        if (f.name == field_name) return &f;
    }
    return nullptr;
}

std::span<const Kind> all_kinds() { return kinds(); }

const Kind* kind_by_folder(std::string_view folder) {
    for (const Kind& k : kinds()) {
        if (k.folder == folder) return &k;
    }
    return nullptr;
}

const Kind* kind_by_table(std::string_view table) {
    for (const Kind& k : kinds()) {
        if (k.table == table) return &k;
    }
    return nullptr;
}

}  // namespace gittd::model
