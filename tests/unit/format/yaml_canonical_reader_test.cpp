// The canonical reader must read every file the writer produces, and for
// any other bytes either give up or read exactly what libyaml reads.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "../sample_issue.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/format/yaml_canonical_reader.hpp"
#include "gittd/util/error.hpp"

using gittd::format::decode_yaml_with_libyaml;
using gittd::format::Document;
using gittd::format::encode_yaml;
using gittd::format::read_canonical_yaml;

namespace {

// Pieces chosen to hit every quoting and block-scalar rule in combination.
const std::vector<std::string>& pieces() {
    static const std::vector<std::string> all = {
        "a",  "Z",    "word",   " ",    "  ",   "\t",     "\n",     "\n\n",   "\r",   "\r\n", ":",   ": ",  "#",
        " #", "-",    "- ",     "?",    "'",    "\"",     "\\",     "|",      ">",    "{",    "}",   "[",   "]",
        ",",  "&",    "*",      "!",    "%",    "@",      "`",      "0",      "7",    "1.5",  "e3",  "yes", "null",
        "~",  "true", "é",      "日本", "🚀",    "\u2028", "\u0085", "\uFEFF", "\x01", "\x7f", "---", "...", "=",
        "<<", "0x",   "\u00A0", "  x",  "\n  ", "12",     "-3",     "1e5",    "|-",   "a: b"};
    return all;
}

struct RandomRecords {
    std::mt19937 rng{20261202};

    std::string text() {
        std::uniform_int_distribution<size_t> length(0, 10);
        std::uniform_int_distribution<size_t> pick(0, pieces().size() - 1);
        std::string out;
        for (size_t n = length(rng); n > 0; --n) out += pieces()[pick(rng)];
        return out;
    }

    Document value(int depth) {
        switch (rng() % (depth > 2 ? 6 : 9)) {
            case 0: return nullptr;
            case 1: return rng() % 2 == 0;
            case 2: return static_cast<std::int64_t>(rng() % 2000) - 1000;
            case 3: return static_cast<double>(rng() % 1000) / 8.0;
            case 4:
            case 5: return text();
            case 6: {
                Document list = Document::array();
                for (size_t n = rng() % 4; n > 0; --n) list.push_back(value(depth + 1));
                return list;
            }
            default: {
                Document object = Document::object();
                for (size_t n = rng() % 4; n > 0; --n) object[text()] = value(depth + 1);
                return object;
            }
        }
    }

    Document record() {
        Document doc = gittd::testing::sample_issue();
        doc["title"] = text();
        doc["description"] = text() + "\n" + text();
        doc["labels"] = Document::array({text(), text()});
        for (size_t n = rng() % 3; n > 0; --n) doc["x_" + text()] = value(0);
        return doc;
    }
};

// libyaml's reading of `bytes`, or nullopt when it refuses them.
std::optional<Document> libyaml_reads(const std::string& bytes) {
    try {
        return decode_yaml_with_libyaml(bytes, "mutant.yaml");
    } catch (const gittd::Error&) {
        return std::nullopt;
    }
}

std::string mutate(std::string bytes, std::mt19937& rng) {
    static const std::string alphabet = " \n-:|\"\\#'{}[]a0+2xu&*!?";
    for (size_t edits = 1 + rng() % 3; edits > 0; --edits) {
        const size_t at = bytes.empty() ? 0 : rng() % bytes.size();
        const char c = alphabet[rng() % alphabet.size()];
        switch (rng() % 5) {
            case 0: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), c); break;
            case 1:
                if (!bytes.empty()) bytes.erase(at, 1);
                break;
            case 2:
                if (!bytes.empty()) bytes[at] = c;
                break;
            case 3: {  // repeat a line: duplicate keys, list items
                const size_t start = bytes.rfind('\n', at) == std::string::npos ? 0 : bytes.rfind('\n', at) + 1;
                const size_t end = bytes.find('\n', at);
                if (end != std::string::npos) bytes.insert(start, bytes.substr(start, end - start + 1));
                break;
            }
            default: bytes.insert(at, "  "); break;  // indentation
        }
    }
    return bytes;
}

}  // namespace

TEST_CASE("The canonical reader reads every record the writer produces, as libyaml does") {
    RandomRecords random;
    for (int i = 0; i < 3000; ++i) {
        const Document record = random.record();
        const std::string yaml = encode_yaml(record);
        INFO("yaml:\n" << yaml);
        const auto fast = read_canonical_yaml(yaml);
        REQUIRE(fast.has_value());  // else every canonical file would pay for libyaml
        REQUIRE(fast->dump() == record.dump());
        REQUIRE(decode_yaml_with_libyaml(yaml, "random.yaml").dump() == record.dump());
    }
}

TEST_CASE("The canonical reader gives up on other bytes or reads what libyaml reads") {
    RandomRecords random;
    std::mt19937 rng(7);
    size_t accepted = 0, refused_by_both = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string bytes = mutate(encode_yaml(random.record()), rng);
        const auto fast = read_canonical_yaml(bytes);
        const auto slow = libyaml_reads(bytes);
        if (!slow) ++refused_by_both;
        if (!fast) continue;
        ++accepted;
        INFO("mutant:\n" << bytes);
        REQUIRE(slow.has_value());
        REQUIRE(fast->dump() == slow->dump());
    }
    // Both branches ran: some mutants are canonical records again, and some
    // are not YAML at all.
    CHECK(accepted > 1000);
    CHECK(refused_by_both > 1000);
}

TEST_CASE("The canonical reader leaves valid but non-canonical YAML to libyaml") {
    for (const char* text : {"id: x\ntitle: 'single'\n", "id: x\nlabels: [a, b]\n", "id: x # comment\n",
                             "id: x\r\ntitle: y\r\n", "---\nid: x\n", "id: x\nlabels:\n- a\n", "id:   x\n",
                             "id: x\ntitle: >\n  folded\n", "id: x", "id: 0x1F\n", "id: \"\\u00e9\"\n"}) {
        INFO(text);
        CHECK_FALSE(read_canonical_yaml(text).has_value());
        CHECK_NOTHROW(gittd::format::decode_yaml(text, "hand.yaml"));
    }
}

TEST_CASE("The canonical reader refuses a repeated key even with the same value") {
    const std::string text = "id: x\ntitle: same\ntitle: same\n";
    CHECK_FALSE(read_canonical_yaml(text).has_value());
    CHECK_THROWS_WITH(gittd::format::decode_yaml(text, "issues/x.yaml"), "issues/x.yaml:3: duplicate key 'title'");
}

TEST_CASE("The canonical reader gives up on nesting deeper than the limit") {
    std::string text = "a:\n";
    for (size_t depth = 1; depth <= gittd::format::max_nesting_depth + 1; ++depth) {
        text += std::string(depth * 2, ' ') + "b" + std::to_string(depth) + ":\n";
    }
    text += std::string((gittd::format::max_nesting_depth + 2) * 2, ' ') + "c: 1\n";
    CHECK_FALSE(read_canonical_yaml(text).has_value());
    CHECK_THROWS_WITH(gittd::format::decode_yaml(text, "deep.yaml"), Catch::Contains("nested more than"));
}

TEST_CASE("The canonical reader counts an empty list or mapping as a level, as libyaml does") {
    for (const char* empty : {"[]", "{}"}) {
        // Mappings nested to the last level libyaml allows, then an empty container one deeper.
        std::string text;
        for (size_t depth = 0; depth + 1 < gittd::format::max_nesting_depth; ++depth) {
            text += std::string(depth * 2, ' ') + "k" + std::to_string(depth) + ":\n";
        }
        text += std::string((gittd::format::max_nesting_depth - 1) * 2, ' ') + "last: " + empty + "\n";
        INFO(empty);
        CHECK_FALSE(read_canonical_yaml(text).has_value());
        CHECK_THROWS_WITH(gittd::format::decode_yaml(text, "deep.yaml"), Catch::Contains("nested more than"));
    }
}

TEST_CASE("Field names longer than YAML readers take are refused by the writer, and left to libyaml") {
    Document record = {{"id", "x"}, {std::string(gittd::format::max_field_name_bytes + 1, 'k'), 1}};
    CHECK_THROWS_WITH(encode_yaml(record), Catch::Contains("a field name of 1001 bytes"));
    record = {{"id", "x"}, {std::string(gittd::format::max_field_name_bytes, 'k'), 1}};
    CHECK(decode_yaml_with_libyaml(encode_yaml(record), "long.yaml") == record);
    const std::string too_long = "id: x\n" + std::string(1025, 'k') + ": 1\n";
    CHECK_FALSE(read_canonical_yaml(too_long).has_value());
    CHECK_THROWS(gittd::format::decode_yaml(too_long, "long.yaml"));
}
