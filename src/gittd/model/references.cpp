#include "gittd/model/references.hpp"

namespace gittd::model {

namespace {

struct KindReferences {
    std::string_view folder;
    std::span<const Reference> references;
};

constexpr Reference issue[] = {{"parent_id", "issues"}};
constexpr Reference log[] = {{"issue_id", "issues"}, {"work_session_id", "work_sessions"}};
constexpr Reference of_issue[] = {{"issue_id", "issues"}};  // handoffs, comments, files, reviews
constexpr Reference dependency[] = {{"issue_id", "issues"}, {"depends_on_id", "issues"}};
constexpr Reference board_position[] = {{"board_id", "boards"}, {"issue_id", "issues"}};
constexpr Reference work_session_issue[] = {{"work_session_id", "work_sessions"}, {"issue_id", "issues"}};

constexpr KindReferences all[] = {
    {"issues", issue},
    {"logs", log},
    {"handoffs", of_issue},
    {"comments", of_issue},
    {"files", of_issue},
    {"reviews", of_issue},
    {"dependencies", dependency},
    {"board_positions", board_position},
    {"work_session_issues", work_session_issue},
};

}  // namespace

std::span<const Reference> references(const Kind& kind) {
    for (const KindReferences& entry : all) {
        if (entry.folder == kind.folder) return entry.references;
    }
    return {};
}

std::string_view derived_id_prefix(const Kind& kind) {
    if (kind.folder == "dependencies") return "dep_";
    if (kind.folder == "files") return "ifl_";
    if (kind.folder == "board_positions") return "bip_";
    if (kind.folder == "work_session_issues") return "wsi_";
    return {};
}

}  // namespace gittd::model
