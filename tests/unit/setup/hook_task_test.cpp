#include <catch2/catch.hpp>

#include "gittd/setup/hook_run.hpp"
#include "gittd/setup/hook_scripts.hpp"

using namespace gittd::setup;

TEST_CASE("hook: pre-commit exports, post-merge and post-rewrite import") {
    CHECK(hook_task("pre-commit", {}) == HookTask::export_and_stage);
    CHECK(hook_task("post-commit", {}) == HookTask::import);
    CHECK(hook_task("post-merge", {"0"}) == HookTask::import);
    CHECK(hook_task("post-merge", {"1"}) == HookTask::import);
    CHECK(hook_task("post-rewrite", {"rebase"}) == HookTask::import);
    CHECK(hook_task("post-rewrite", {"amend"}) == HookTask::import);
}

TEST_CASE("hook: post-checkout imports after a branch checkout only") {
    CHECK(hook_task("post-checkout", {"a", "b", "1"}) == HookTask::import);
    CHECK(hook_task("post-checkout", {"a", "b", "0"}) == HookTask::nothing);
    CHECK(hook_task("post-checkout", {}) == HookTask::nothing);
}

TEST_CASE("hook: a hook this git-td does not know does nothing") {
    CHECK(hook_task("pre-push", {"origin", "url"}) == HookTask::nothing);
    CHECK(hook_task("", {}) == HookTask::nothing);
}

TEST_CASE("hook: every shim is a POSIX sh script carrying git-td's marker and its own name") {
    REQUIRE(hook_scripts().size() == 5);
    for (const HookScript& script : hook_scripts()) {
        CHECK(script.text.substr(0, 10) == "#!/bin/sh\n");
        CHECK(is_git_td_hook(script.text));
        CHECK(script.text.find("\n# git-td-hook: " + std::string(script.name) + "\n") != std::string_view::npos);
        CHECK(script.text.find("git-td hook " + std::string(script.name) + " \"$@\"") != std::string_view::npos);
    }
    CHECK_FALSE(is_git_td_hook("#!/bin/sh\nexec lint-staged\n"));
}
