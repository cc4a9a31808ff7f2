#pragma once
#include <string_view>

namespace gittd {

// A record id becomes a file name, so it must be one that cannot escape its
// folder or mean something special to git or a shell glob:
// ^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$ (DESIGN §2), and not a device name
// Windows reserves (CON, NUL, COM1, …, before any extension), which a clone
// there could not check out. Path traversal is a security bug, so this is
// checked on export and on import alike.
bool is_safe_id(std::string_view id);

// Throws Error(invalid_input) naming the id and where it came from.
void require_safe_id(std::string_view id, std::string_view where);

}  // namespace gittd
