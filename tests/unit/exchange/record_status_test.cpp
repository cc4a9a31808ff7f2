#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "gittd/exchange/record_status.hpp"

using gittd::exchange::combine_status;
using gittd::exchange::ExportReport;
using gittd::exchange::ImportAction;
using gittd::exchange::ImportReport;
using gittd::exchange::RecordStatus;
using gittd::exchange::side_change_letter;

namespace {

// "XY kind/id action" per record, in the order combine_status returns them.
std::string shown(const std::vector<RecordStatus>& records) {
    std::string text;
    for (const RecordStatus& status : records) {
        text += side_change_letter(status.database);
        text += side_change_letter(status.tree);
        text += " " + status.folder + "/" + status.id;
        if (status.import_action) text += " " + std::string(gittd::exchange::action_name(*status.import_action));
        text += "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("status puts td's side and the tree's side of each record together, sorted") {
    ExportReport exported;
    exported.written_paths = {"issues/td-new.yaml", "issues/td-edited.yaml", "git-td.yaml", "logs/lg-1.yaml"};
    exported.removed_paths = {"comments/cm-gone.yaml", ".gitattributes"};
    ImportReport imported;
    imported.changes = {{"issues", "td-hand", ImportAction::update},
                        {"issues", "td-both", ImportAction::merge},
                        {"issues", "td-arrived", ImportAction::insert},
                        {"issues", "td-removed", ImportAction::soft_delete},
                        {"notes", "nt-kept", ImportAction::kept},
                        {"notes", "nt-back", ImportAction::restored},
                        {"notes", "nt-set-aside", ImportAction::recorded},
                        {"comments", "cm-orphan", ImportAction::postponed},
                        {"comments", "cm-orphan-edit", ImportAction::postponed, true},
                        {"logs", "lg-same", ImportAction::none}};
    const std::set<std::string> files = {"issues/td-edited", "logs/lg-1"};
    const auto has_file = [&files](const std::string& folder, const std::string& id) {
        return files.count(folder + "/" + id) > 0;
    };
    CHECK(shown(combine_status(exported, imported, has_file)) ==
          "D  comments/cm-gone\n"
          " A comments/cm-orphan postponed\n"
          " M comments/cm-orphan-edit postponed\n"
          " A issues/td-arrived insert\n"
          "MM issues/td-both merge\n"
          "M  issues/td-edited\n"
          " M issues/td-hand update\n"
          "A  issues/td-new\n"
          " D issues/td-removed soft-delete\n"
          "M  logs/lg-1\n"
          "DM notes/nt-back restored\n"
          "MD notes/nt-kept kept\n"
          "MM notes/nt-set-aside recorded\n");
}

TEST_CASE("status of a format switch: the record written anew is modified, not deleted") {
    ExportReport exported;
    exported.written_paths = {"issues/td-a.json"};
    exported.removed_paths = {"issues/td-a.yaml"};
    const auto has_file = [](const std::string&, const std::string&) { return true; };
    CHECK(shown(combine_status(exported, ImportReport{}, has_file)) == "M  issues/td-a\n");
    CHECK(combine_status(ExportReport{}, ImportReport{}, has_file).empty());
}
