#pragma once
// `git td conflicts resolve ID`: settles one set-aside value. The chosen
// value goes into td's database the way every tree change does — the
// record's file is edited (the field set, the entry removed from its
// `conflicts` list) and imported, under td's lock and with an action_log
// row — so the next export and commit carry it as an ordinary edit.
#include <cstddef>
#include <string>

#include "gittd/exchange/importer.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/format/document.hpp"

namespace gittd::exchange {

struct ConflictChoice {
    enum class How { pick, value, ack };
    How how = How::ack;
    size_t pick = 0;    // 1-based, into the entry's values (pick)
    std::string value;  // as given on the command line (value): JSON if it parses, else a string
};

struct ConflictSettled {
    std::string folder, id, field;
    bool changed = false;    // false: --ack, or the value was already the record's
    format::Document value;  // the field's value now
};

ConflictSettled resolve_open_conflict(const Workspace& workspace, const std::string& entry_id,
                                      const ConflictChoice& choice, Diagnostics& diagnostics);

}  // namespace gittd::exchange
