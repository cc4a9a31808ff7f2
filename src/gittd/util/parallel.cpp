#include "gittd/util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace gittd {

namespace {
constexpr size_t max_threads = 4;  // the work is short; more threads mostly wait on memory
}

size_t threads_for(size_t count, size_t per_thread) {
    const size_t cores = std::max<unsigned>(1, std::thread::hardware_concurrency());
    return std::max<size_t>(1, std::min({cores, max_threads, per_thread == 0 ? count : count / per_thread}));
}

void for_each_index(size_t count, size_t threads, const std::function<void(size_t index, size_t thread)>& work) {
    if (threads <= 1) {
        for (size_t i = 0; i < count; ++i) work(i, 0);
        return;
    }
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> errors(count);
    const auto run = [&](size_t thread) {
        for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
            try {
                work(i, thread);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> helpers;
    helpers.reserve(threads - 1);
    for (size_t t = 1; t < threads; ++t) {
        try {
            helpers.emplace_back(run, t);
        } catch (const std::system_error&) {
            break;  // a limit on threads: fewer do the same work
        }
    }
    run(0);
    for (std::thread& helper : helpers) helper.join();
    for (const std::exception_ptr& error : errors) {
        if (error) std::rethrow_exception(error);
    }
}

}  // namespace gittd
