#include "gittd/model/merge_rules.hpp"

#include <array>

namespace gittd::model {

int rank_of(MergeRule rule, std::string_view value) {
    if (rule == MergeRule::status) {
        // td's workflow, lowest first: the further a record got, the more it says.
        constexpr std::array<std::string_view, 5> order = {"open", "in_progress", "blocked", "in_review", "closed"};
        for (size_t i = 0; i < order.size(); ++i) {
            if (value == order[i]) return static_cast<int>(i);
        }
        return -1;
    }
    if (rule == MergeRule::priority) {
        // P0 is the highest.
        if (value.size() == 2 && value[0] == 'P' && value[1] >= '0' && value[1] <= '4') return '4' - value[1];
        return -1;
    }
    return -1;
}

}  // namespace gittd::model
