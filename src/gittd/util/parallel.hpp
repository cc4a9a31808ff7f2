#pragma once
// Runs independent pieces of pure work on the machine's cores. Used where
// each piece touches nothing shared (a record merge of three texts), so the
// result is the same as a loop's, in the same order.
#include <cstddef>
#include <functional>

namespace gittd {

// Calls work(i) for every i in [0, count), on up to four threads when there
// are at least `per_thread` pieces for each, else on this one. If any call
// throws, the exception of the lowest index is rethrown after all stop.
void for_each_index(size_t count, size_t per_thread, const std::function<void(size_t)>& work);

}  // namespace gittd
