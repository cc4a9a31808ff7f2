#include "gittd/util/serial_worker.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <system_error>
#include <utility>

namespace gittd {

namespace {
// Jobs posted before the sleeping thread is woken: one wake per job would
// cost a system call and a switch of threads for each file export creates.
constexpr size_t wake_after = 32;

// The signals InterruptDeferral holds: they belong to the caller's thread.
sigset_t interrupt_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    return signals;
}
}  // namespace

namespace {
// Blocks the interrupt signals on this thread while it lives, then puts the
// mask back, whatever starting the thread throws.
class InterruptsBlocked {
  public:
    InterruptsBlocked() {
        const sigset_t blocked = interrupt_signals();
        pthread_sigmask(SIG_BLOCK, &blocked, &previous_);
    }
    ~InterruptsBlocked() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
    InterruptsBlocked(const InterruptsBlocked&) = delete;
    InterruptsBlocked& operator=(const InterruptsBlocked&) = delete;

  private:
    sigset_t previous_{};
};
}  // namespace

SerialWorker::SerialWorker(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {
    const InterruptsBlocked blocked;  // a new thread inherits the mask of the one that starts it
    try {
        thread_ = std::thread(&SerialWorker::run, this);
    } catch (const std::system_error&) {
        inline_ = true;
    }
}

SerialWorker::~SerialWorker() {
    if (!thread_.joinable()) return;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void SerialWorker::rethrow_error() const {
    if (error_) std::rethrow_exception(error_);
}

void SerialWorker::post(std::function<void()> job) {
    if (inline_) {
        rethrow_error();
        try {
            job();
        } catch (...) {
            error_ = std::current_exception();
            throw;
        }
        finished_.fetch_add(1, std::memory_order_release);
        return;
    }
    bool wake = false;
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return error_ || jobs_.size() < capacity_; });
        rethrow_error();
        jobs_.push_back(std::move(job));
        wake = jobs_.size() >= std::min(wake_after, capacity_);
    }
    if (wake) changed_.notify_all();
}

void SerialWorker::wait() {
    changed_.notify_all();  // the jobs posted since the last wake
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return error_ || (jobs_.empty() && !busy_); });
    rethrow_error();
}

void SerialWorker::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            busy_ = true;
        }
        changed_.notify_all();  // room for the next post()
        std::exception_ptr error;
        try {
            job();
        } catch (...) {
            error = std::current_exception();
        }
        {
            const std::lock_guard lock(mutex_);
            busy_ = false;
            if (error) {
                error_ = error;
                jobs_.clear();
                stopping_ = true;
            } else {
                finished_.fetch_add(1, std::memory_order_release);
            }
        }
        changed_.notify_all();
        if (error) return;
    }
}

}  // namespace gittd
