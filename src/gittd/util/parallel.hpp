#pragma once
// Runs independent pieces of pure work on the machine's cores. Used where
// each piece touches nothing shared (a record merge of three texts), so the
// result is the same as a loop's, in the same order.
#include <cstddef>
#include <functional>

namespace gittd {

// How many threads for_each_index uses for `count` pieces: up to four, and
// only as many as have at least `per_thread` pieces each (at least one).
size_t threads_for(size_t count, size_t per_thread);

// Calls work(i, thread) for every i in [0, count) on up to `threads` threads,
// where `thread` in [0, threads) names the thread that runs it (0 is the
// caller's), for state a thread must not share. If the system refuses a
// thread, the ones started do the work. If any call throws, the exception of
// the lowest index is rethrown after all stop.
void for_each_index(size_t count, size_t threads, const std::function<void(size_t index, size_t thread)>& work);

}  // namespace gittd
