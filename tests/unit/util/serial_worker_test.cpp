// The thread export creates new files on (util/serial_worker.hpp): jobs run
// in order, an error stops it and reaches the caller, and the interrupt
// signals stay with the caller's thread.
#include <catch2/catch.hpp>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gittd/util/serial_worker.hpp"

using gittd::SerialWorker;

TEST_CASE("a serial worker runs every job in the order posted", "[serial_worker]") {
    std::vector<int> ran;  // the worker's alone until wait() returns
    SerialWorker worker(4);
    for (int i = 0; i < 1000; ++i) worker.post([&ran, i] { ran.push_back(i); });
    worker.wait();
    REQUIRE(ran.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(ran[i] == i);
    CHECK(worker.finished() == 1000);
}

TEST_CASE("a serial worker stops at a job that throws and says so to the caller", "[serial_worker]") {
    std::atomic<int> ran{0};
    std::atomic<bool> posted{false};
    SerialWorker worker(1000);
    REQUIRE(worker.threaded());  // run inline, the second job would wait for itself
    worker.post([&] { ++ran; });
    worker.post([&] {
        while (!posted) std::this_thread::yield();  // fails only once the rest are queued
        throw std::runtime_error("disk full");
    });
    for (int i = 0; i < 100; ++i) worker.post([&] { ++ran; });
    posted = true;
    CHECK_THROWS_WITH(worker.wait(), "disk full");
    CHECK(ran.load() == 1);
    CHECK(worker.finished() == 1);
    CHECK_THROWS_WITH(worker.post([&] { ++ran; }), "disk full");
    CHECK(ran.load() == 1);
}

TEST_CASE("a serial worker's thread leaves the interrupt signals to the caller's", "[serial_worker]") {
    std::vector<bool> blocked;
    SerialWorker worker(1);
    worker.post([&] {
        sigset_t mask;
        pthread_sigmask(SIG_BLOCK, nullptr, &mask);
        for (int signal : {SIGINT, SIGTERM, SIGHUP}) blocked.push_back(sigismember(&mask, signal) == 1);
    });
    worker.wait();
    CHECK(blocked == std::vector<bool>{true, true, true});
    sigset_t mine;
    pthread_sigmask(SIG_BLOCK, nullptr, &mine);
    CHECK(sigismember(&mine, SIGINT) == 0);
}
