#include <fstream>
#include <iostream>
#include <random>
#include "gittd/format/codec.hpp"
using gittd::format::Document;
// Writes N random records as <i>.yaml and <i>.json into DIR, for the e2e test
// that has PyYAML (a YAML 1.1 reader, unlike yaml-cpp) read them back.
int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: random_records DIR N\n";
        return 2;
    }
    const std::string dir = argv[1];
    const int count = std::stoi(argv[2]);
    const std::vector<std::string> pieces = {
        "a",    "Z",   "word", " ",  "  ",   "\t", "\n",     "\n\n", "\r",     "\r\n",   ":",      ": ",
        "#",    " #",  "-",    "- ", "?",    "'",  "\"",     "\\",   "|",      ">",      "{",      "}",
        "[",    "]",   ",",    "&",  "*",    "!",  "%",      "@",    "`",      "0",      "7",      "1.5",
        "e3",   "yes", "null", "~",  "true", "é",  "日本",   "🚀",    "\u2028", "\u0085", "\uFEFF", "\x01",
        "\x7f", "---", "...",  "=",  "<<",   "0x", "\u00A0", "Off",  "Y",      "1:20",   "0o7",    ".Inf"};
    std::mt19937 rng(7);
    std::uniform_int_distribution<size_t> length(0, 10), pick(0, pieces.size() - 1);
    auto t = [&] {
        std::string s;
        for (size_t n = length(rng); n; --n) s += pieces[pick(rng)];
        return s;
    };
    for (int i = 0; i < count; ++i) {
        Document r = {
            {"id", "x"},
            {"a", t()},
            {"b", t() + "\n" + t()},
            {"l", Document::array({t(), t() + "\n"})},
            {"conflicts",
             Document::array({Document{{"id", "c"}, {"base", t() + "\n" + t()}, {"values", Document::array({t()})}}})}};
        std::ofstream(dir + "/" + std::to_string(i) + ".yaml") << gittd::format::encode_yaml(r);
        std::ofstream(dir + "/" + std::to_string(i) + ".json") << gittd::format::encode_json(r);
    }
}
