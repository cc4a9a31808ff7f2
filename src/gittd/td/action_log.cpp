#include "gittd/td/action_log.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

#include "gittd/td/go_json.hpp"
#include "gittd/util/error.hpp"

namespace gittd::td {

using format::Document;

namespace {

// Whether td leaves `field` out of the kind's payload when it is empty (omitempty).
bool omit_when_empty(const model::Kind& kind, std::string_view field) {
    const auto& omitted = kind.td.omit_when_empty;
    return std::find(omitted.begin(), omitted.end(), field) != omitted.end();
}

bool is_empty(const Document& v) {
    return v.is_null() || (v.is_string() && v.get<std::string>().empty()) || (v.is_array() && v.empty());
}

Document payload_value(const model::Kind& kind, const std::string& field, const Document& value) {
    // Handoff lists travel as their JSON text inside a string ("null" when absent).
    if (kind.td.lists_as_json_text && kind.field(field) && kind.field(field)->type == model::FieldType::string_list) {
        return value.is_array() ? go_json(value) : std::string("null");
    }
    return value;
}

std::string random_hex(size_t digits) {
    static std::random_device device;
    static std::mt19937_64 engine(device());
    std::string out;
    while (out.size() < digits) {
        char buffer[17];
        std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(engine()));
        out += buffer;
    }
    out.resize(digits);
    return out;
}

}  // namespace

std::string utc_now_rfc3339() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count() % 1000000000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    std::string fraction = std::to_string(1000000000 + nanos).substr(1);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    return std::string(buffer) + (fraction.empty() ? "" : "." + fraction) + "Z";
}

std::string new_action_id() { return "al-" + random_hex(8); }

std::string td_payload(const model::Kind& kind, const Document& record) {
    Document payload = Document::object();
    std::vector<std::string> order;
    if (!kind.td.struct_order.empty()) {
        order.assign(kind.td.struct_order.begin(), kind.td.struct_order.end());
    } else {
        for (const model::Field& f : kind.fields) order.emplace_back(f.name);
        if (!kind.td.struct_payload) std::sort(order.begin(), order.end());
    }
    for (const std::string& field : order) {
        const auto it = record.find(field);
        if (it == record.end()) continue;
        if (omit_when_empty(kind, field) && is_empty(*it)) continue;
        payload[field] = payload_value(kind, field, *it);
    }
    return go_json(payload);
}

ActionLogRow action_log_row(const model::Kind& kind, Change change, const Document* before, const Document* after,
                            const std::string& session_id, const std::string& now_utc) {
    const model::TdActions& n = kind.td;
    ActionLogRow row;
    row.id = new_action_id();
    row.session_id = session_id;
    row.entity_type = std::string(n.entity_type);
    row.action_type = std::string(change == Change::insert ? n.create : change == Change::update ? n.update : n.remove);
    const Document& subject = after ? *after : *before;
    row.entity_id = subject.value("id", std::string());
    row.previous_data = before && change != Change::insert ? td_payload(kind, *before) : std::string();
    row.new_data = after ? td_payload(kind, *after) : std::string();
    // td stamps an issue change with the instant it sets as updated_at.
    const auto updated = subject.find("updated_at");
    row.timestamp = kind.td.stamped_with_updated_at && updated != subject.end() && updated->is_string()
                        ? updated->get<std::string>()
                        : now_utc;
    return row;
}

ActionLogWriter::ActionLogWriter(db::Connection& connection)
    : insert_(connection.prepare(
          "INSERT INTO action_log (id, session_id, action_type, entity_type, entity_id, previous_data, new_data, "
          "timestamp, undone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0) ON CONFLICT DO NOTHING")),
      connection_(connection) {}

void ActionLogWriter::insert(const ActionLogRow& row) {
    // td's action ids have 32 random bits: among the 240k rows of a big first
    // import some collide (birthday bound: ~7 expected), and so can one with a
    // row td wrote. A taken id is drawn again, as td would have to.
    // The insert does nothing on a taken id: one lookup, where asking first
    // made two of every insert. (A row refused by another unique column td
    // might add one day is drawn again too, and fails after 64 draws
    // instead of being lost.)
    std::string id = row.id;
    for (int attempt = 0;; ++attempt) {
        if (attempt == 64) throw Error(ErrorCode::database, "action_log: no free action id after 64 draws");
        db::Statement& insert = insert_;
        insert.reset();
        insert.bind(1, id);
        insert.bind(2, row.session_id);
        insert.bind(3, row.action_type);
        insert.bind(4, row.entity_type);
        insert.bind(5, row.entity_id);
        insert.bind(6, row.previous_data);
        insert.bind(7, row.new_data);
        insert.bind(8, row.timestamp);
        insert.step();
        if (connection_.changes() == 1) return;
        id = new_action_id();
    }
}

}  // namespace gittd::td
