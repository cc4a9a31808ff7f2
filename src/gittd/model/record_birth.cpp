#include "gittd/model/record_birth.hpp"

namespace gittd::model {

namespace {

struct Birth {
    std::string_view folder;
    std::span<const std::string_view> fields;
};

constexpr std::string_view issue[] = {"created_at", "creator_session"};
constexpr std::string_view board[] = {"created_at"};  // boards record no creator
constexpr std::string_view note[] = {"created_at"};   // nor do notes
constexpr std::string_view work_session[] = {"started_at", "session_id"};
constexpr std::string_view log[] = {"timestamp", "session_id", "issue_id"};
constexpr std::string_view handoff[] = {"timestamp", "session_id", "issue_id"};
constexpr std::string_view comment[] = {"created_at", "session_id", "issue_id"};
constexpr std::string_view review[] = {"created_at", "reviewer_session", "issue_id"};
// td's own key of each link kind, hashed into its id (shared/td/README.md).
constexpr std::string_view dependency[] = {"issue_id", "depends_on_id", "relation_type"};
constexpr std::string_view file[] = {"issue_id", "file_path"};
constexpr std::string_view board_position[] = {"board_id", "issue_id"};
constexpr std::string_view work_session_issue[] = {"work_session_id", "issue_id"};

constexpr Birth births[] = {
    {"issues", issue},
    {"boards", board},
    {"notes", note},
    {"work_sessions", work_session},
    {"logs", log},
    {"handoffs", handoff},
    {"comments", comment},
    {"reviews", review},
    {"dependencies", dependency},
    {"files", file},
    {"board_positions", board_position},
    {"work_session_issues", work_session_issue},
};

}  // namespace

std::span<const std::string_view> birth_fields(const Kind& kind) {
    for (const Birth& birth : births) {
        if (birth.folder == kind.folder) return birth.fields;
    }
    return {};
}

}  // namespace gittd::model
