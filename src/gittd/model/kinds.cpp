#include "gittd/model/kinds.hpp"

#include <algorithm>
#include <utility>

namespace gittd::model {

namespace {

using enum FieldType;
using FieldRules = std::initializer_list<std::pair<std::string_view, MergeRule>>;

Field text_field(std::string_view name, Default missing = Default::empty_text) { return {name, text, missing}; }
Field nullable(std::string_view name, FieldType type) { return {name, type, Default::null}; }

// Timestamps named the same way mean the same thing in every kind.
constexpr std::pair<std::string_view, MergeRule> common_rules[] = {
    {"created_at", MergeRule::time_min},
    {"updated_at", MergeRule::time_max},
    {"deleted_at", MergeRule::soft_delete},
};

Field& field_named(Kind& kind, std::string_view name) {
    for (Field& field : kind.fields) {
        if (field.name == name) return field;
    }
    std::abort();  // a name in this file that is no field of its kind
}

// Marks the fields td reads back as SQL NULL (DESIGN §3.1; found with tdread:
// every other column breaks td's scan or its NOT NULL constraint on null).
Kind with_nulls(Kind kind, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) field_named(kind, name).null_allowed = true;
    return kind;
}

// td's enumerations (td v0.62.0 models.IsValid*, checked by tdread).
constexpr std::string_view issue_statuses[] = {"open", "in_progress", "blocked", "in_review", "closed"};
constexpr std::string_view issue_types[] = {"bug", "feature", "task", "epic", "chore"};
constexpr std::string_view issue_priorities[] = {"P0", "P1", "P2", "P3", "P4"};
constexpr std::int64_t issue_points[] = {0, 1, 2, 3, 5, 8, 13, 21};

Kind with_issue_enumerations(Kind kind) {
    field_named(kind, "status").allowed_text.assign(std::begin(issue_statuses), std::end(issue_statuses));
    field_named(kind, "type").allowed_text.assign(std::begin(issue_types), std::end(issue_types));
    field_named(kind, "priority").allowed_text.assign(std::begin(issue_priorities), std::end(issue_priorities));
    field_named(kind, "points").allowed_integers.assign(std::begin(issue_points), std::end(issue_points));
    return kind;
}

// Sets each field's merge rule: the kind's own rules first, then the common ones.
Kind with_rules(Kind kind, FieldRules rules) {
    for (Field& field : kind.fields) {
        const auto own = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.first == field.name; });
        const auto common = std::find_if(std::begin(common_rules), std::end(common_rules),
                                         [&](const auto& r) { return r.first == field.name; });
        if (own != rules.end()) {
            field.rule = own->second;
        } else if (common != std::end(common_rules)) {
            field.rule = common->second;
        }
    }
    return kind;
}

Kind issue_kind() {
    return with_issue_enumerations(with_nulls(
        with_rules(
            Kind{
                .id = KindId::issue,
                .name = "issue",
                .table = "issues",
                .folder = "issues",
                .fields =
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
                .birth = {"created_at", "creator_session"},
                // td dropped the parent_id foreign key: a child may arrive before its parent.
                .references = {{"parent_id", KindId::issue}},
                .id_prefix = "td-",
                .id_hex_digits = 6,
                .td =
                    {
                        .entity_type = "issue",
                        .create = "create",
                        .update = "update",
                        .remove = "delete",
                        .struct_payload = true,
                        .struct_order = {"id",
                                         "title",
                                         "description",
                                         "status",
                                         "type",
                                         "priority",
                                         "points",
                                         "labels",
                                         "parent_id",
                                         "acceptance",
                                         "sprint",
                                         "implementer_session",
                                         "creator_session",
                                         "reviewer_session",
                                         "review_requested_by_session",
                                         "closed_by_session",
                                         "created_at",
                                         "updated_at",
                                         "reviewed_at",
                                         "closed_at",
                                         "deleted_at",
                                         "minor",
                                         "created_branch",
                                         "defer_until",
                                         "due_date",
                                         "defer_count"},
                        .omit_when_empty = {"description", "labels", "parent_id", "acceptance", "sprint",
                                            "review_requested_by_session", "closed_by_session", "reviewed_at",
                                            "closed_at", "deleted_at", "created_branch", "defer_until", "due_date"},
                        .stamped_with_updated_at = true,
                    },
            },
            {
                {"status", MergeRule::status},
                {"priority", MergeRule::priority},
                {"closed_at", MergeRule::closed_at},
                {"closed_by_session", MergeRule::status_companion},
                {"reviewed_at", MergeRule::status_companion},
                {"reviewer_session", MergeRule::status_companion},
                {"review_requested_by_session", MergeRule::status_companion},
                {"implementer_session", MergeRule::status_companion},
                {"description", MergeRule::text},
                {"acceptance", MergeRule::text},
                {"labels", MergeRule::set},
                {"defer_count", MergeRule::counter},
            }),
        {"description", "points", "labels", "parent_id", "acceptance", "implementer_session", "reviewer_session",
         "closed_at", "deleted_at", "created_branch", "creator_session", "sprint", "defer_until", "due_date",
         "reviewed_at", "review_requested_by_session", "closed_by_session"}));
}

Kind board_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::board,
                              .name = "board",
                              .table = "boards",
                              .folder = "boards",
                              .fields =
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
                              .excluded_ids = {"bd-all-issues"},
                              .birth = {"created_at"},  // boards record no creator
                              .id_prefix = "bd-",
                              .id_hex_digits = 8,
                              .td =
                                  {
                                      .entity_type = "board",
                                      .create = "board_create",
                                      .update = "board_update",
                                      .remove = "board_delete",
                                      .struct_payload = true,
                                      .struct_order = {"id", "name", "query", "is_builtin", "view_mode",
                                                       "last_viewed_at", "created_at", "updated_at"},
                                      .omit_when_empty = {"last_viewed_at"},
                                  },
                          },
                          {{"last_viewed_at", MergeRule::time_max}}),
                      {"last_viewed_at"});
}

Kind work_session_kind() {
    return with_nulls(
        with_rules(
            Kind{
                .id = KindId::work_session,
                .name = "work_session",
                .table = "work_sessions",
                .folder = "work_sessions",
                .fields =
                    {
                        nullable("id", text),
                        nullable("name", text),
                        nullable("session_id", text),
                        nullable("started_at", datetime),
                        nullable("ended_at", datetime),
                        text_field("start_sha"),
                        text_field("end_sha"),
                    },
                .local_only = {"worktree_id", "worktree_root", "repo_root"},
                .birth = {"started_at", "session_id"},
                .id_prefix = "ws-",
                .id_hex_digits = 4,
                .td = {.entity_type = "work_sessions", .create = "create", .update = "update", .remove = "delete"},
            },
            {{"started_at", MergeRule::time_min}, {"ended_at", MergeRule::time_max}}),
        {"ended_at"});
}

Kind note_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::note,
                              .name = "note",
                              .table = "notes",
                              .folder = "notes",
                              .fields =
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
                              .birth = {"created_at"},  // notes record no creator
                              .id_prefix = "nt-",
                              .id_hex_digits = 6,
                              .td =
                                  {
                                      .entity_type = "note",
                                      .create = "create",
                                      .update = "update",
                                      .remove = "delete",
                                      .struct_payload = true,
                                      .omit_when_empty = {"deleted_at"},
                                  },
                          },
                          {{"content", MergeRule::text}}),
                      {"deleted_at"});
}

Kind log_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::log,
                              .name = "log",
                              .table = "logs",
                              .folder = "logs",
                              .fields =
                                  {
                                      nullable("id", text),
                                      text_field("issue_id"),
                                      nullable("session_id", text),
                                      text_field("work_session_id"),
                                      nullable("message", text),
                                      {"type", text, Default::text_value, "progress"},
                                      nullable("timestamp", datetime),
                                  },
                              .birth = {"timestamp", "session_id", "issue_id"},
                              // Not foreign keys: a log may name an issue or a work session this clone lacks.
                              .references = {{"issue_id", KindId::issue}, {"work_session_id", KindId::work_session}},
                              .id_prefix = "lg-",
                              .id_hex_digits = 8,
                              .td = {.entity_type = "logs", .create = "create", .update = "update", .remove = "delete"},
                          },
                          {}),
                      {});
}

Kind handoff_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::handoff,
                              .name = "handoff",
                              .table = "handoffs",
                              .folder = "handoffs",
                              .fields =
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
                              .birth = {"timestamp", "session_id", "issue_id"},
                              .references = {{"issue_id", KindId::issue, true}},
                              .id_prefix = "ho-",
                              .id_hex_digits = 8,
                              .td =
                                  {
                                      .entity_type = "handoff",
                                      .create = "handoff",
                                      .update = "handoff",
                                      .remove = "delete",
                                      .lists_as_json_text = true,
                                  },
                          },
                          {}),
                      {"done", "remaining", "decisions", "uncertain"});
}

Kind comment_kind() {
    return with_nulls(
        with_rules(
            Kind{
                .id = KindId::comment,
                .name = "comment",
                .table = "comments",
                .folder = "comments",
                .fields =
                    {
                        nullable("id", text),
                        nullable("issue_id", text),
                        nullable("session_id", text),
                        nullable("text", text),
                        nullable("created_at", datetime),
                    },
                .birth = {"created_at", "session_id", "issue_id"},
                .references = {{"issue_id", KindId::issue, true}},
                .id_prefix = "cm-",
                .id_hex_digits = 8,
                .td = {.entity_type = "comments", .create = "create", .update = "update", .remove = "delete"},
            },
            {{"text", MergeRule::text}}),
        {});
}

Kind dependency_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::dependency,
                              .name = "dependency",
                              .table = "issue_dependencies",
                              .folder = "dependencies",
                              .fields =
                                  {
                                      nullable("id", text),
                                      nullable("issue_id", text),
                                      nullable("depends_on_id", text),
                                      {"relation_type", text, Default::text_value, "depends_on"},
                                  },
                              .birth = {"issue_id", "depends_on_id", "relation_type"},
                              .references = {{"issue_id", KindId::issue, true}, {"depends_on_id", KindId::issue, true}},
                              .derived_id_prefix = "dep_",
                              .td =
                                  {
                                      .entity_type = "issue_dependencies",
                                      .create = "add_dependency",
                                      .update = "add_dependency",
                                      .remove = "remove_dependency",
                                  },
                          },
                          {}),
                      {});
}

Kind file_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::file,
                              .name = "file",
                              .table = "issue_files",
                              .folder = "files",
                              .fields =
                                  {
                                      nullable("id", text),
                                      nullable("issue_id", text),
                                      nullable("file_path", text),
                                      {"role", text, Default::text_value, "implementation"},
                                      text_field("linked_sha"),
                                      nullable("linked_at", datetime),
                                  },
                              .birth = {"issue_id", "file_path"},
                              .references = {{"issue_id", KindId::issue, true}},
                              .derived_id_prefix = "ifl_",
                              .td = {.entity_type = "issue_files",
                                     .create = "link_file",
                                     .update = "link_file",
                                     .remove = "unlink_file"},
                          },
                          {}),
                      {});
}

Kind board_position_kind() {
    return with_nulls(with_rules(
                          Kind{
                              .id = KindId::board_position,
                              .name = "board_position",
                              .table = "board_issue_positions",
                              .folder = "board_positions",
                              .fields =
                                  {
                                      nullable("id", text),
                                      nullable("board_id", text),
                                      nullable("issue_id", text),
                                      nullable("position", integer),
                                      nullable("added_at", datetime),
                                      nullable("deleted_at", datetime),
                                  },
                              .birth = {"board_id", "issue_id"},
                              .references = {{"board_id", KindId::board, true}, {"issue_id", KindId::issue, true}},
                              .derived_id_prefix = "bip_",
                              .td =
                                  {
                                      .entity_type = "board_issue_positions",
                                      .create = "board_set_position",
                                      .update = "board_set_position",
                                      .remove = "board_unposition",
                                  },
                          },
                          {}),
                      {"added_at", "deleted_at"});
}

Kind work_session_issue_kind() {
    return with_nulls(
        with_rules(
            Kind{
                .id = KindId::work_session_issue,
                .name = "work_session_issue",
                .table = "work_session_issues",
                .folder = "work_session_issues",
                .fields =
                    {
                        nullable("id", text),
                        nullable("work_session_id", text),
                        nullable("issue_id", text),
                        nullable("tagged_at", datetime),
                    },
                .birth = {"work_session_id", "issue_id"},
                .references = {{"work_session_id", KindId::work_session, true}, {"issue_id", KindId::issue, true}},
                .derived_id_prefix = "wsi_",
                .td =
                    {
                        .entity_type = "work_session_issues",
                        .create = "work_session_tag",
                        .update = "work_session_tag",
                        .remove = "work_session_untag",
                    },
            },
            {}),
        {});
}

Kind review_kind() {
    return with_nulls(
        with_rules(
            Kind{
                .id = KindId::review,
                .name = "review",
                .table = "issue_reviews",
                .folder = "reviews",
                .fields =
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
                .birth = {"created_at", "reviewer_session", "issue_id"},
                .references = {{"issue_id", KindId::issue, true}},
                .id_prefix = "rv-",
                .id_hex_digits = 8,
                .td =
                    {
                        .entity_type = "issue_reviews",
                        .create = "create",
                        .update = "update",
                        .remove = "review_delete",
                        .struct_payload = true,
                        .omit_when_empty = {"summary", "requested_by_session", "superseded_at", "reviewed_by"},
                    },
            },
            {{"summary", MergeRule::text}}),
        {"requested_by_session", "superseded_at"});
}

std::vector<Kind> make_kinds() {
    std::vector<Kind> kinds = {
        issue_kind(),
        board_kind(),
        work_session_kind(),
        note_kind(),
        log_kind(),
        handoff_kind(),
        comment_kind(),
        dependency_kind(),
        file_kind(),
        board_position_kind(),
        work_session_issue_kind(),
        review_kind(),
    };
    // KindId is the index: kind(id) relies on it.
    for (size_t i = 0; i < kinds.size(); ++i) {
        if (static_cast<size_t>(kinds[i].id) != i) std::abort();
    }
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

MergeRule Kind::merge_rule(std::string_view field_name) const {
    const Field* f = field(field_name);
    return f ? f->rule : MergeRule::scalar;
}

std::string_view Kind::clock() const {
    return field("updated_at") ? std::string_view("updated_at") : std::string_view();
}

bool Kind::is_excluded(std::string_view row_id) const {
    return std::find(excluded_ids.begin(), excluded_ids.end(), row_id) != excluded_ids.end();
}

std::span<const Kind> all_kinds() { return kinds(); }

std::span<const LocalReference> local_references() {
    static const LocalReference references[] = {
        {"session_state", "focused_issue_id", KindId::issue},
        {"session_state", "active_work_session_id", KindId::work_session},
        {"git_snapshots", "issue_id", KindId::issue},
        {"issue_session_history", "issue_id", KindId::issue},
    };
    return references;
}

const Kind& kind(KindId id) { return kinds()[static_cast<size_t>(id)]; }

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
