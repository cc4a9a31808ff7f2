#pragma once
// What makes a record the record it is: the fields fixed when it was born,
// which no later edit changes. Two files with one id whose birth fields
// disagree are two different records that collided on an id (td issue ids have
// only 24 random bits), not two versions of one record (DESIGN §4).
//   - randomly named kinds: when the record was created and by whom, plus the
//     issue it belongs to for children (a log never moves to another issue);
//   - link kinds, whose ids td derives from a hash of their key
//     (dep_, ifl_, bip_, wsi_): that key.
// Plain data; the add/add check in src/gittd/merge applies it.
#include <span>
#include <string_view>

#include "gittd/model/kinds.hpp"

namespace gittd::model {

std::span<const std::string_view> birth_fields(const Kind& kind);

}  // namespace gittd::model
