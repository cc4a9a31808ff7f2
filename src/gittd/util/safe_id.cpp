#include "gittd/util/safe_id.hpp"

#include <string>

#include "gittd/util/error.hpp"

namespace gittd {

namespace {
bool is_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
}  // namespace

bool is_safe_id(std::string_view id) {
    if (id.empty() || id.size() > 128 || !is_alnum(id.front())) return false;
    for (char c : id) {
        if (!is_alnum(c) && c != '_' && c != '.' && c != '-') return false;
    }
    return true;
}

void require_safe_id(std::string_view id, std::string_view where) {
    if (is_safe_id(id)) return;
    std::string shown;
    for (char c : id.substr(0, 80)) {
        shown += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
    throw Error(ErrorCode::invalid_input,
                std::string(where) + ": id '" + shown +
                    "' is not a safe file name (allowed: ^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$); "
                    "rename the record in td before exporting");
}

}  // namespace gittd
