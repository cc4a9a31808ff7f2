#include "gittd/util/safe_id.hpp"

#include <string>

#include "gittd/util/error.hpp"

namespace gittd {

namespace {
bool is_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Windows reserves these device names, in any case and with any extension
// ("con.yaml", "Com1.x.json"): a clone there could not check the file out.
bool is_reserved_on_windows(std::string_view id) {
    std::string stem;
    for (char c : id.substr(0, id.find('.'))) stem += upper(c);
    if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL") return true;
    return stem.size() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")) && stem[3] >= '0' && stem[3] <= '9';
}
}  // namespace

bool is_safe_id(std::string_view id) {
    if (id.empty() || id.size() > 128 || !is_alnum(id.front())) return false;
    for (char c : id) {
        if (!is_alnum(c) && c != '_' && c != '.' && c != '-') return false;
    }
    return !is_reserved_on_windows(id);
}

void require_safe_id(std::string_view id, std::string_view where) {
    if (is_safe_id(id)) return;
    std::string shown;
    for (char c : id.substr(0, 80)) {
        shown += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
    throw Error(ErrorCode::invalid_input,
                std::string(where) + ": id '" + shown +
                    "' is not a safe file name (allowed: ^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$, and not a "
                    "name Windows reserves such as CON or COM1); "
                    "rename the record in td before exporting");
}

}  // namespace gittd
