#pragma once
// One thread beside the caller's that runs jobs one after another, in the
// order they were posted. Export hands it the creation of new record files
// (tree/tree_writer.hpp): the file system's work, half of a full export's
// time, then overlaps the conversion of the next records instead of
// following it (bench/README.md).
//
// The thread holds SIGINT, SIGTERM and SIGHUP blocked, so they reach the
// caller's thread, where InterruptDeferral and throw_if_interrupted act on
// them. A job that throws stops the worker: the jobs after it are dropped
// and the exception is rethrown to the caller by the next post() or wait().
// If the system refuses a thread, post() runs each job at once instead.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace gittd {

class SerialWorker {
  public:
    // At most `capacity` jobs wait at once; post() waits for room beyond it.
    explicit SerialWorker(size_t capacity);
    // Drops the jobs not started, waits for the one running.
    ~SerialWorker();
    SerialWorker(const SerialWorker&) = delete;
    SerialWorker& operator=(const SerialWorker&) = delete;

    void post(std::function<void()> job);
    // Waits until every job posted has run.
    void wait();
    // How many jobs have run to the end. Jobs end in order, so these are the
    // first ones posted, and whatever they wrote is visible to the caller.
    size_t finished() const { return finished_.load(std::memory_order_acquire); }
    // False when the system refused the thread and post() runs each job itself.
    bool threaded() const { return !inline_; }

  private:
    void run();
    void rethrow_error() const;

    size_t capacity_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::function<void()>> jobs_;
    bool busy_ = false;
    bool stopping_ = false;
    std::exception_ptr error_;
    std::atomic<size_t> finished_{0};
    bool inline_ = false;  // no thread: post() runs the job itself
    std::thread thread_;   // last: started once everything above exists
};

}  // namespace gittd
