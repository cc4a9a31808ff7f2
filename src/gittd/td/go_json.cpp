#include "gittd/td/go_json.hpp"

namespace gittd::td {

std::string go_json(const format::Document& value) {
    const std::string compact = value.dump(-1, ' ', false, format::Document::error_handler_t::replace);
    std::string out;
    out.reserve(compact.size());
    for (size_t i = 0; i < compact.size(); ++i) {
        const char c = compact[i];
        // Outside strings these characters cannot occur, so a plain scan is safe.
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else if (c == '\xe2' && i + 2 < compact.size() && compact[i + 1] == '\x80' &&
                 (compact[i + 2] == '\xa8' || compact[i + 2] == '\xa9')) {
            out += compact[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace gittd::td
