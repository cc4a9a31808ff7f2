#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>
#include <random>

#include "gittd/format/codec.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/utf8.hpp"

using gittd::format::decode_yaml;
using gittd::format::Document;
using gittd::format::encode_yaml;

namespace {

Document round_trip(const Document& doc) { return decode_yaml(encode_yaml(doc), "test.yaml"); }

void require_exact_round_trip(const std::string& text) {
    const Document doc = {{"id", "td-000001"}, {"text", text}, {"list", Document::array({text, "x"})}};
    const std::string yaml = encode_yaml(doc);
    INFO("text: " << Document(text).dump() << "\nyaml:\n" << yaml);
    const Document back = decode_yaml(yaml, "test.yaml");
    REQUIRE(back == doc);
    REQUIRE(encode_yaml(back) == yaml);  // byte-stable
}

}  // namespace

TEST_CASE("YAML keeps strings that would change type or meaning as strings") {
    for (const char* text :
         {"yes",  "no",   "Yes",    "NO",      "on",     "off",  "y",     "n",     "true",       "False",
          "null", "Null", "~",      "",        "0123",   "123",  "-1",    "+1",    "1e3",        "1.5",
          ".5",   ".inf", "-.inf",  ".nan",    "0x1F",   "0o17", "1_000", "12:30", "2026-04-15", "2026-04-15T10:00:00Z",
          "=",    "<<",   "- item", "-",       "---",    "...",  "? q",   ": x",   "a: b",       "a #b",
          "#c",   "[x]",  "{x}",    "&anchor", "*alias", "!tag", "|",     ">",     "'q'",        "\"q\"",
          "%x",   "@x",   "`x",     "a:",      "x, y"}) {
        require_exact_round_trip(text);
    }
}

TEST_CASE("YAML round-trips whitespace, line endings and control characters exactly") {
    for (const char* text : {" leading",
                             "trailing ",
                             "  both  ",
                             "\ttab",
                             "tab\t",
                             "a\tb",
                             "line\n",
                             "line\n\n",
                             "line\n\n\n",
                             "\nleading newline",
                             "\n\nx",
                             "a\nb",
                             "a\r\nb\r\n",
                             "cr\ronly",
                             "a\n \nb",
                             "a\n\t\nb",
                             "  indented\nfirst",
                             "x\n  indented second",
                             "\n",
                             "\n\n",
                             " ",
                             "\t",
                             "a\n\n\nb\n",
                             "trailing spaces   \nline",
                             "# heading\n- item\n",
                             "key: value\nother: x",
                             "\x01\x02\x7f",
                             "nul\0inside",
                             "bell\a",
                             "esc\x1b[0m"}) {
        require_exact_round_trip(text);
    }
    require_exact_round_trip(std::string("nul\0inside", 10));
}

TEST_CASE("YAML round-trips unicode, including code points some readers treat as breaks") {
    for (const char* text : {"héllo wörld", "日本語のテキスト", "emoji 🚀 ok", "\u2028line sep", "para\u2029sep",
                             "nel\u0085x", "\uFEFFbom", "nbsp\u00A0x", "multi\nline ünïcode\n"}) {
        require_exact_round_trip(text);
    }
}

TEST_CASE("YAML writes multi-line text as literal blocks with exact chomping") {
    const Document doc = {
        {"id", "x"}, {"description", "first\nsecond\n"}, {"acceptance", "a\nb"}, {"notes", "kept\n\n"}};
    const std::string yaml = encode_yaml(doc);
    CHECK(yaml ==
          "id: x\n"
          "description: |\n  first\n  second\n"
          "acceptance: |-\n  a\n  b\n"
          "notes: |+\n  kept\n\n");
}

TEST_CASE("YAML uses an indentation indicator when text starts with spaces") {
    const Document doc = {{"id", "x"}, {"d", "  code\nplain\n"}};
    CHECK(encode_yaml(doc) == "id: x\nd: |2\n    code\n  plain\n");
    CHECK(round_trip(doc) == doc);
}

TEST_CASE("YAML writes scalars, lists and nested conflicts in the documented shape") {
    const Document doc = {
        {"id", "td-a1b2c3"},
        {"points", 3},
        {"minor", false},
        {"closed_at", nullptr},
        {"labels", Document::array({"auth", "web"})},
        {"empty", Document::array()},
        {"created_at", "2026-03-27T01:31:04.633958Z"},
        {"conflicts",
         Document::array(
             {Document{{"id", "c-1"}, {"field", "title"}, {"values", Document::array({"a", "b"})}, {"chosen", "a"}}})}};
    CHECK(encode_yaml(doc) ==
          "id: td-a1b2c3\n"
          "points: 3\n"
          "minor: false\n"
          "closed_at: null\n"
          "labels:\n  - auth\n  - web\n"
          "empty: []\n"
          "created_at: \"2026-03-27T01:31:04.633958Z\"\n"
          "conflicts:\n"
          "  - id: c-1\n"
          "    field: title\n"
          "    values:\n      - a\n      - b\n"
          "    chosen: a\n");
    CHECK(round_trip(doc) == doc);
}

TEST_CASE("YAML property: random strings and records round-trip exactly and byte-stably") {
    // Pieces chosen to hit every quoting and block-scalar rule in combination.
    const std::vector<std::string> pieces = {
        "a",    "Z",  "word",   " ",      "  ",     "\t",   "\n",   "\n\n", "\r",  "\r\n", ":",    ": ", "#",     " #",
        "-",    "- ", "?",      "'",      "\"",     "\\",   "|",    ">",    "{",   "}",    "[",    "]",  ",",     "&",
        "*",    "!",  "%",      "@",      "`",      "0",    "7",    "1.5",  "e3",  "yes",  "null", "~",  "true",  "é",
        "日本", "🚀",  "\u2028", "\u0085", "\uFEFF", "\x01", "\x7f", "---",  "...", "=",    "<<",   "0x", "\u00A0"};
    std::mt19937 rng(20261124);
    std::uniform_int_distribution<size_t> length(0, 12);
    std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
    auto random_text = [&] {
        std::string text;
        for (size_t n = length(rng); n > 0; --n) text += pieces[pick(rng)];
        return text;
    };
    for (int i = 0; i < 4000; ++i) {
        const std::string text = random_text();
        Document record = {{"id", "td-" + std::to_string(i)},
                           {"title", text},
                           {"description", random_text() + "\n" + random_text()},
                           {"labels", Document::array({random_text(), random_text()})},
                           {"points", static_cast<int>(rng() % 100) - 50},
                           {"minor", rng() % 2 == 0},
                           {"deleted_at", nullptr}};
        if (i % 3 == 0) {
            record["conflicts"] = Document::array(
                {Document{{"id", "c"}, {"base", random_text()}, {"values", Document::array({text, random_text()})}}});
        }
        const std::string yaml = encode_yaml(record);
        INFO("record: " << record.dump() << "\nyaml:\n" << yaml);
        const Document back = decode_yaml(yaml, "random.yaml");
        REQUIRE(back == record);
        // A second, independent reader (yaml-cpp) sees the same strings.
        const YAML::Node other = YAML::Load(yaml);
        REQUIRE(other["title"].Scalar() == text);
        REQUIRE(other["description"].Scalar() == record["description"].get<std::string>());
        REQUIRE(other["labels"][1].Scalar() == record["labels"][1].get<std::string>());
        REQUIRE(encode_yaml(back) == yaml);
        const std::string json = gittd::format::encode_json(record);
        REQUIRE(gittd::format::decode_json(json, "random.json") == record);
    }
}

TEST_CASE("YAML reader refuses duplicate keys, naming file and line") {
    try {
        decode_yaml("id: x\ntitle: a\ntitle: b\n", "issues/x.yaml");
        FAIL("accepted a duplicate key");
    } catch (const gittd::Error& e) {
        CHECK(std::string(e.what()) == "issues/x.yaml:3: duplicate key 'title'");
    }
}

TEST_CASE("YAML reader reports malformed input with file and line") {
    try {
        decode_yaml("id: x\ntitle: [unclosed\nother: 1\n", "issues/x.yaml");
        FAIL("accepted malformed YAML");
    } catch (const gittd::Error& e) {
        CHECK(std::string(e.what()).rfind("issues/x.yaml:", 0) == 0);
        CHECK(std::string(e.what()).find("malformed YAML") != std::string::npos);
        // libyaml notices the unclosed list on a later line; the line it opens on is named too.
        CHECK(std::string(e.what()).find("that starts on line 2") != std::string::npos);
        CHECK(std::string(e.what()).find("fix the file") != std::string::npos);
    }
}

TEST_CASE("YAML reader refuses a non-mapping document and several documents") {
    CHECK_THROWS_WITH(decode_yaml("- a\n- b\n", "f.yaml"), Catch::Contains("mapping"));
    CHECK_THROWS_WITH(decode_yaml("id: a\n---\nid: b\n", "f.yaml"), Catch::Contains("one YAML document"));
}

TEST_CASE("decode refuses conflict markers and names the marker's line") {
    const std::string text = "id: x\n<<<<<<< ours\ntitle: a\n=======\ntitle: b\n>>>>>>> theirs\n";
    CHECK_THROWS_WITH(gittd::format::decode(text, gittd::format::Format::yaml, "issues/x.yaml"),
                      "issues/x.yaml:2: git conflict markers; finish the merge with 'git td resolve'");
    CHECK(gittd::format::find_conflict_marker("a: |\n  <<<<<<< indented is content\n") == std::nullopt);
}

TEST_CASE("decode refuses files over the size limit") {
    const std::string huge(gittd::format::max_record_bytes + 1, 'a');
    CHECK_THROWS_WITH(gittd::format::decode(huge, gittd::format::Format::yaml, "issues/big.yaml"),
                      Catch::StartsWith("issues/big.yaml: file is"));
}

TEST_CASE("YAML plain scalars resolve by the YAML 1.2 core schema") {
    const Document doc =
        decode_yaml("a: 12\nb: -3\nc: true\nd: null\ne: ~\nf:\ng: 1.5\nh: text\ni: \"12\"\n", "f.yaml");
    CHECK(doc["a"] == 12);
    CHECK(doc["b"] == -3);
    CHECK(doc["c"] == true);
    CHECK(doc["d"].is_null());
    CHECK(doc["e"].is_null());
    CHECK(doc["f"].is_null());
    CHECK(doc["g"] == 1.5);
    CHECK(doc["h"] == "text");
    CHECK(doc["i"] == "12");
}

TEST_CASE("libyaml gets an empty text with no bytes behind it as empty, not as a null input (found by fuzzing)") {
    // libyaml asserts a non-null input pointer; an empty string_view may have none.
    CHECK_THROWS_AS(gittd::format::decode_yaml_with_libyaml(std::string_view(), "issues/x.yaml"), gittd::Error);
    CHECK_THROWS_AS(gittd::format::decode_yaml(std::string_view(), "issues/x.yaml"), gittd::Error);
}

TEST_CASE("YAML floats JSON cannot write stay text, so a tree that switches format keeps them (found by fuzzing)") {
    // JSON has no infinity or NaN: read as floats, they were written to JSON as null.
    for (const char* text : {".inf", "-.inf", ".Inf", ".nan", ".NaN", "1e400", "-1e400", "1e-400"}) {
        INFO(text);
        const Document record = gittd::format::decode_yaml(std::string("id: x\nv: ") + text + "\n", "x.yaml");
        REQUIRE(record["v"].is_string());
        CHECK(record["v"] == text);
        CHECK(gittd::format::decode_json(gittd::format::encode_json(record), "x.json") == record);
    }
    CHECK(gittd::format::decode_yaml("id: x\nv: 1.5e3\n", "x.yaml")["v"] == 1500.0);
    // A subnormal is a number in both formats (glibc's strtod flags it ERANGE all the same).
    const Document tiny = gittd::format::decode_yaml("id: x\nv: 1e-310\n", "x.yaml");
    REQUIRE(tiny["v"].is_number_float());
    CHECK(gittd::format::decode_json(gittd::format::encode_json(tiny), "x.json") == tiny);
    CHECK(gittd::format::decode_yaml(gittd::format::encode_yaml(tiny), "x.yaml") == tiny);
}

TEST_CASE("YAML field names longer than the writer writes are refused, naming the line") {
    const std::string name(1010, 'k');
    CHECK_THROWS_WITH(gittd::format::decode_yaml("id: x\n" + name + ": v\n", "issues/x.yaml"),
                      Catch::StartsWith("issues/x.yaml:2: a field name of 1010 bytes"));
}

TEST_CASE("a control character or bad UTF-8 is named on its own line") {
    CHECK_THROWS_WITH(gittd::format::decode_yaml(std::string("id: x\ntitle: a\0b\n", 15), "issues/x.yaml"),
                      Catch::StartsWith("issues/x.yaml:2: malformed YAML"));
    CHECK_THROWS_WITH(gittd::format::decode_yaml("id: x\n\ntitle: \xff\n", "issues/x.yaml"),
                      Catch::StartsWith("issues/x.yaml:3: malformed YAML"));
}

TEST_CASE("an empty record is written as a YAML document that reads back (found by fuzzing)") {
    const std::string bytes = encode_yaml(Document::object());
    CHECK(bytes == "{}\n");
    CHECK(decode_yaml(bytes, "x.yaml") == Document::object());
}

TEST_CASE("a plain merge key is refused, a quoted one is a field like any other") {
    CHECK_THROWS_WITH(decode_yaml("id: x\n<<: {title: y}\n", "issues/x.yaml"),
                      Catch::StartsWith("issues/x.yaml:2: a YAML merge key (<<)"));
    const Document quoted = decode_yaml("id: x\n\"<<\": y\n", "issues/x.yaml");
    CHECK(quoted["<<"] == "y");
    CHECK(decode_yaml(encode_yaml(quoted), "issues/x.yaml") == quoted);
}
