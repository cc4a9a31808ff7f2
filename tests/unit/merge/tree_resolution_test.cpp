// A merge of many conflicted paths is resolved on several threads
// (util/parallel.hpp); the result must be what resolving each path alone
// gives, in the order of the paths.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "gittd/format/codec.hpp"
#include "gittd/merge/driver.hpp"
#include "gittd/merge/tree_resolution.hpp"
#include "gittd/util/parallel.hpp"
#include "sample_issue.hpp"

using gittd::format::Document;

namespace {

std::string yaml(const Document& d) { return gittd::format::encode_yaml(d); }

Document issue(size_t n) {
    Document d = gittd::testing::sample_issue();
    d["id"] = "td-" + std::to_string(100000 + n);
    return d;
}

}  // namespace

TEST_CASE("a merge of many paths resolves each as it would alone, in order") {
    gittd::merge::MergeView view;
    view.read = [](const std::string&) { return std::optional<std::string>(); };
    view.exists = [](const std::string&) { return false; };
    view.why_no_sides = "not needed";
    for (size_t n = 0; n < 600; ++n) {
        Document base = issue(n), ours = issue(n), theirs = issue(n);
        ours["title"] = "ours " + std::to_string(n);
        ours["updated_at"] = "2026-05-01T00:00:00Z";
        theirs["title"] = "theirs " + std::to_string(n);
        theirs["updated_at"] = n % 2 == 0 ? "2026-05-02T00:00:00Z" : "2026-04-30T00:00:00Z";
        const std::string path = ".todos/export/issues/" + base["id"].get<std::string>() + ".yaml";
        // Every seventh path cannot be merged: its ours side is not YAML.
        const std::string ours_text = n % 7 == 3 ? std::string("title: [unclosed\n") : yaml(ours);
        view.conflicts.push_back({path, yaml(base), ours_text, yaml(theirs)});
    }
    const gittd::merge::TreeResolution resolution = gittd::merge::resolve_tree_merge(view);
    REQUIRE(resolution.steps.size() == view.conflicts.size());
    for (size_t n = 0; n < view.conflicts.size(); ++n) {
        const gittd::git::IndexConflict& c = view.conflicts[n];
        const gittd::merge::ResolveStep& step = resolution.steps[n];
        INFO(c.path);
        REQUIRE(step.path == c.path);
        const auto alone = gittd::merge::run_merge_driver({*c.base, *c.ours, *c.theirs, 7, c.path});
        REQUIRE(step.resolved == alone.clean);
        if (!alone.clean) continue;
        REQUIRE(resolution.pending.at(c.path) == alone.bytes);
        REQUIRE(alone.bytes.find(n % 2 == 0 ? "title: theirs" : "title: ours") != std::string::npos);
    }
    CHECK(resolution.unresolved == 600 / 7 + 1);
}

TEST_CASE("for_each_index visits every index once, on several threads when there are cores") {
    std::vector<int> visits(5000, 0);
    std::set<std::thread::id> threads;
    std::mutex lock;
    const bool several_cores = std::thread::hardware_concurrency() > 1;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    gittd::for_each_index(visits.size(), gittd::threads_for(visits.size(), 64), [&](size_t i, size_t) {
        ++visits[i];
        std::unique_lock<std::mutex> hold(lock);
        threads.insert(std::this_thread::get_id());
        // A loaded machine may start the second thread after the first ran
        // every piece: wait for it, so the count below says something.
        while (several_cores && threads.size() < 2 && std::chrono::steady_clock::now() < give_up) {
            hold.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            hold.lock();
        }
    });
    CHECK(std::count(visits.begin(), visits.end(), 1) == 5000);
    if (several_cores) CHECK(threads.size() > 1);
    threads.clear();
    gittd::for_each_index(100, gittd::threads_for(100, 64),
                          [&](size_t, size_t) { threads.insert(std::this_thread::get_id()); });
    CHECK(threads.size() == 1);  // too little work for a second thread
}

TEST_CASE("for_each_index rethrows the failure of the lowest index, after every piece ran") {
    std::atomic<size_t> ran{0};
    try {
        gittd::for_each_index(1000, 4, [&](size_t i, size_t) {
            ++ran;
            if (i == 700 || i == 300) throw std::runtime_error("piece " + std::to_string(i));
        });
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "piece 300");
    }
    CHECK(ran == 1000);
}
