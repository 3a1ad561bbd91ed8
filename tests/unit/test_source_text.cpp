#include <doctest/doctest.h>

#include <fmt/format.h>

#include "esc/load/source_text.hpp"
#include "test_support.hpp"

using esc::check_encoding;
using esc::Diagnostic;
using esc::SourceMark;
using esc::SourceText;

namespace {

struct Checked {
  bool ok;
  std::string bytes;
  std::vector<Diagnostic> diagnostics;
};

Checked check(std::string bytes) {
  Checked result;
  result.ok = check_encoding(bytes, "f.yaml", result.diagnostics);
  result.bytes = std::move(bytes);
  return result;
}

// Asserts one bad-encoding error at line:column.
void expect_bad(const std::string& bytes, std::uint32_t line, std::uint32_t column) {
  Checked r = check(bytes);
  INFO(test_support::dump(r.diagnostics));
  CHECK_FALSE(r.ok);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "bad-encoding");
  CHECK(r.diagnostics[0].severity == esc::Severity::error);
  CHECK(r.diagnostics[0].file == "f.yaml");
  CHECK(r.diagnostics[0].mark.line == line);
  CHECK(r.diagnostics[0].mark.column == column);
}

void expect_good(const std::string& bytes) {
  Checked r = check(bytes);
  INFO(test_support::dump(r.diagnostics));
  CHECK(r.ok);
  CHECK(r.diagnostics.empty());
}

}  // namespace

TEST_SUITE("source_text") {
  TEST_CASE("plain ASCII with tabs and CR and LF is accepted unchanged") {
    Checked r = check("id: a\r\n\ttitle: b\n\r\n");
    CHECK(r.ok);
    CHECK(r.diagnostics.empty());
    CHECK(r.bytes == "id: a\r\n\ttitle: b\n\r\n");
    expect_good("");
  }

  TEST_CASE("valid multi-byte UTF-8 is accepted") {
    expect_good("title: caf\xC3\xA9");                 // U+00E9, 2 bytes
    expect_good("title: \xE2\x82\xAC 100");            // U+20AC, 3 bytes
    expect_good("title: \xF0\x9F\x98\x80");            // U+1F600, 4 bytes
    expect_good("a: \xED\x9F\xBF \xEE\x80\x80");       // U+D7FF and U+E000, around the surrogates
    expect_good("a: \xF4\x8F\xBF\xBF");                // U+10FFFF, the last code point
    expect_good("a: \xC2\x80 \xDF\xBF \xE0\xA0\x80");  // the smallest 2- and 3-byte forms
  }

  TEST_CASE("a UTF-8 byte-order mark is stripped") {
    Checked r = check("\xEF\xBB\xBFid: a\n");
    CHECK(r.ok);
    CHECK(r.diagnostics.empty());
    CHECK(r.bytes == "id: a\n");
  }

  TEST_CASE("positions after a BOM are relative to the text after it") {
    expect_bad(
        "\xEF\xBB\xBF"
        "ab\x01",
        1, 3);
  }

  TEST_CASE("UTF-16 byte-order marks are rejected at 1:1") {
    for (std::string bom : {std::string("\xFF\xFE"), std::string("\xFE\xFF")}) {
      std::string bytes = bom + std::string("i\0d\0", 4);
      expect_bad(bytes, 1, 1);
      std::vector<Diagnostic> out;
      check_encoding(bytes, "f.yaml", out);
      REQUIRE(out.size() == 1);
      CHECK(out[0].message.find("UTF-16") != std::string::npos);
    }
  }

  TEST_CASE("UTF-32 byte-order marks are rejected and named UTF-32") {
    for (std::string bom : {std::string("\xFF\xFE\x00\x00", 4), std::string("\x00\x00\xFE\xFF", 4)}) {
      std::string bytes = bom + std::string("i\0\0\0", 4);
      expect_bad(bytes, 1, 1);
      std::vector<Diagnostic> out;
      check_encoding(bytes, "f.yaml", out);
      REQUIRE(out.size() == 1);
      CHECK(out[0].message.find("UTF-32") != std::string::npos);
    }
  }

  TEST_CASE("invalid UTF-8 is reported at the first bad byte") {
    expect_bad("title: caf\xE9\n", 1, 11);        // Latin-1 e-acute
    expect_bad("a: 1\nb: \x80\n", 2, 4);          // lone continuation byte
    expect_bad("a: \xC3", 1, 4);                  // truncated at end of file
    expect_bad("a: \xE2\x82 b", 1, 4);            // truncated 3-byte sequence
    expect_bad("a: \xF0\x9F\x98", 1, 4);          // truncated 4-byte sequence
    expect_bad("a: \xF8\x88\x80\x80\x80", 1, 4);  // 5-byte form
    expect_bad("a: \xFF", 1, 4);
    expect_bad("a: \xF4\x90\x80\x80", 1, 4);  // above U+10FFFF
    expect_bad("a: \xF5\x80\x80\x80", 1, 4);
  }

  TEST_CASE("overlong encodings are rejected") {
    expect_bad("a: \xC0\xAF", 1, 4);  // '/' in 2 bytes
    expect_bad("a: \xC1\xBF", 1, 4);
    expect_bad("a: \xE0\x80\xAF", 1, 4);      // '/' in 3 bytes
    expect_bad("a: \xE0\x9F\xBF", 1, 4);      // U+07FF in 3 bytes
    expect_bad("a: \xF0\x80\x80\xAF", 1, 4);  // '/' in 4 bytes
    expect_bad("a: \xF0\x8F\xBF\xBF", 1, 4);  // U+FFFF in 4 bytes
    expect_bad("a: \xC0\x80", 1, 4);          // "modified UTF-8" NUL
  }

  TEST_CASE("UTF-16 surrogates encoded in UTF-8 are rejected") {
    expect_bad("a: \xED\xA0\x80", 1, 4);              // U+D800
    expect_bad("a: \xED\xBF\xBF", 1, 4);              // U+DFFF
    expect_bad("a: \xED\xA0\xBD\xED\xB8\x80", 1, 4);  // a CESU-8 pair
  }

  TEST_CASE("the column of a bad byte counts code points rather than bytes") {
    expect_bad("t: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE9", 1, 7);
    expect_bad("x\n\xC3\xA9\xC3\xA9\xC3\xA9\x80", 2, 4);
  }

  TEST_CASE("NUL is rejected as binary at its line and column") {
    expect_bad(std::string("id: a\ntitle: b\0c", 16), 2, 9);
    Checked r = check(std::string("\0", 1));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].mark == SourceMark{1, 1});
    CHECK(r.diagnostics[0].message.find("NUL") != std::string::npos);
  }

  TEST_CASE("C0 control characters other than tab and CR and LF are rejected") {
    for (int c = 1; c < 0x20; ++c) {
      if (c == '\t' || c == '\n' || c == '\r') continue;
      CAPTURE(c);
      expect_bad(std::string("ok: yes\nkey: v") + static_cast<char>(c), 2, 7);
    }
  }

  TEST_CASE("DEL is rejected and named") {
    Checked r = check("a: \x7F");
    CHECK_FALSE(r.ok);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("DEL") != std::string::npos);
  }

  TEST_CASE("control characters are named in the message") {
    Checked r = check("a: \x1B[31m");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("U+001B") != std::string::npos);
    CHECK_FALSE(r.diagnostics[0].suggestion.empty());
  }

  TEST_CASE("only the first problem is reported") {
    Checked r = check("a: \x01\nb: \xFF\n");
    CHECK(r.diagnostics.size() == 1);
  }

  TEST_CASE("lines after CRLF endings are counted right") {
    expect_bad("a: 1\r\nb: 2\r\nc: \x02\r\n", 3, 4);
  }

  TEST_CASE("mark_at is 1-based and counts code points") {
    SourceText text("f.yaml",
                    "ab\nc\xC3\xA9"
                    "d\n\xF0\x9F\x98\x80x");
    CHECK(text.mark_at(0) == SourceMark{1, 1});
    CHECK(text.mark_at(1) == SourceMark{1, 2});
    CHECK(text.mark_at(2) == SourceMark{1, 3});  // the newline itself
    CHECK(text.mark_at(3) == SourceMark{2, 1});
    CHECK(text.mark_at(4) == SourceMark{2, 2});  // start of the 2-byte character
    CHECK(text.mark_at(6) == SourceMark{2, 3});  // 'd' after it
    CHECK(text.mark_at(8) == SourceMark{3, 1});
    CHECK(text.mark_at(12) == SourceMark{3, 2});  // 'x' after a 4-byte character
  }

  TEST_CASE("mark_at clamps offsets past the end") {
    SourceText text("f.yaml", "ab\ncd");
    CHECK(text.mark_at(5) == SourceMark{2, 3});
    CHECK(text.mark_at(1000) == SourceMark{2, 3});
    SourceText empty("f.yaml", "");
    CHECK(empty.mark_at(0) == SourceMark{1, 1});
  }

  TEST_CASE("mark_at counts a tab as one column and CR as part of its line") {
    SourceText text("f.yaml", "\tx\r\ny");
    CHECK(text.mark_at(1) == SourceMark{1, 2});
    CHECK(text.mark_at(2) == SourceMark{1, 3});
    CHECK(text.mark_at(4) == SourceMark{2, 1});
  }

  TEST_CASE("line returns a line's text without its break") {
    SourceText text("f.yaml", "one\r\ntwo\n\nfour");
    CHECK(text.line(1) == "one");
    CHECK(text.line(2) == "two");
    CHECK(text.line(3) == "");
    CHECK(text.line(4) == "four");
    CHECK(text.line(0).empty());
    CHECK(text.line(5).empty());
    CHECK(text.path() == "f.yaml");
  }

  TEST_CASE("each of the nine bidi controls is a bad-encoding warning at its code-point column, named") {
    struct Control {
      const char* bytes;
      std::uint32_t code;
      const char* name;
    };
    const Control controls[] = {
        {"\xE2\x80\xAA", 0x202A, "LEFT-TO-RIGHT EMBEDDING"},    {"\xE2\x80\xAB", 0x202B, "RIGHT-TO-LEFT EMBEDDING"},
        {"\xE2\x80\xAC", 0x202C, "POP DIRECTIONAL FORMATTING"}, {"\xE2\x80\xAD", 0x202D, "LEFT-TO-RIGHT OVERRIDE"},
        {"\xE2\x80\xAE", 0x202E, "RIGHT-TO-LEFT OVERRIDE"},     {"\xE2\x81\xA6", 0x2066, "LEFT-TO-RIGHT ISOLATE"},
        {"\xE2\x81\xA7", 0x2067, "RIGHT-TO-LEFT ISOLATE"},      {"\xE2\x81\xA8", 0x2068, "FIRST STRONG ISOLATE"},
        {"\xE2\x81\xA9", 0x2069, "POP DIRECTIONAL ISOLATE"}};
    for (const auto& c : controls) {
      CAPTURE(c.name);
      CHECK(esc::bidi_control_name(c.code) == c.name);
      // Before it on line 2: "t: " and two 2-byte characters, so column 6.
      std::string bytes = std::string("id: x\nt: \xC3\xA9\xC3\xA9") + c.bytes + "abc\n";
      std::string checked = bytes;
      std::vector<Diagnostic> encoding;
      REQUIRE(check_encoding(checked, "f.yaml", encoding));  // still UTF-8 text the file can be read as
      CHECK(encoding.empty());
      std::vector<Diagnostic> out;
      esc::check_bidi_controls(SourceText("f.yaml", bytes), 1000, out);
      INFO(test_support::dump(out));
      REQUIRE(out.size() == 1);
      CHECK(out[0].rule == "bad-encoding");
      CHECK(out[0].severity == esc::Severity::warning);
      CHECK(out[0].file == "f.yaml");
      CHECK(out[0].mark == SourceMark{2, 6});
      CHECK(out[0].message.rfind(fmt::format("invisible bidi control U+{:04X} {}:", c.code, c.name), 0) == 0);
      CHECK(out[0].suggestion.find(fmt::format("\\xe2\\x{:02x}\\x{:02x}", static_cast<unsigned char>(c.bytes[1]),
                                               static_cast<unsigned char>(c.bytes[2]))) != std::string::npos);
    }
  }

  TEST_CASE("the bidi marks and neighbouring characters are not bidi controls") {
    // U+200E, U+200F (E2 80 8E/8F), U+061C (D8 9C), U+2029 (E2 80 A9), U+202F (E2 80 AF),
    // U+2065 (E2 81 A5), U+206A (E2 81 AA), an en dash (E2 80 93) and Hebrew text.
    std::vector<Diagnostic> out;
    esc::check_bidi_controls(SourceText("f.yaml",
                                        "a: \xE2\x80\x8E \xE2\x80\x8F \xD8\x9C \xE2\x80\xA9 \xE2\x80\xAF "
                                        "\xE2\x81\xA5 \xE2\x81\xAA \xE2\x80\x93 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\n"),
                             1000, out);
    CHECK(out.empty());
    for (std::uint32_t code : {0x200Eu, 0x200Fu, 0x061Cu, 0x2029u, 0x202Fu, 0x2065u, 0x206Au})
      CHECK(esc::bidi_control_name(code).empty());
  }

  TEST_CASE("bidi controls give one finding per line at the first and count the others") {
    // Line 1: RLO ... PDF (two); line 2: none; line 3: LRI, PDI, RLI, PDI (four); line 4: one at the end, no newline.
    std::string text =
        "# ab\xE2\x80\xAE"
        "cd\xE2\x80\xAC\n"
        "plain: text\n"
        "x: \"\xE2\x81\xA6y\xE2\x81\xA9\xE2\x81\xA7z\xE2\x81\xA9\"\n"
        "z: q\xE2\x80\xAD";
    std::vector<Diagnostic> out;
    esc::check_bidi_controls(SourceText("f.yaml", text), 1000, out);
    INFO(test_support::dump(out));
    REQUIRE(out.size() == 3);
    CHECK(out[0].mark == SourceMark{1, 5});
    CHECK(out[0].message.find("U+202E RIGHT-TO-LEFT OVERRIDE and 1 more on this line:") != std::string::npos);
    CHECK(out[1].mark == SourceMark{3, 5});
    CHECK(out[1].message.find("U+2066 LEFT-TO-RIGHT ISOLATE and 3 more on this line:") != std::string::npos);
    CHECK(out[2].mark == SourceMark{4, 5});
    CHECK(out[2].message.find("more") == std::string::npos);
  }

  TEST_CASE("bidi findings past the limit are counted in the last one instead of listed") {
    std::string text;
    for (int i = 0; i < 7; ++i) text += "- \xE2\x80\xAEx\n";
    std::vector<Diagnostic> out;
    esc::check_bidi_controls(SourceText("f.yaml", text), 3, out);
    INFO(test_support::dump(out));
    REQUIRE(out.size() == 3);
    CHECK(out[2].mark == SourceMark{3, 3});
    CHECK(out[2].message.find("; 4 more lines after this one hold bidi controls too (not listed)") !=
          std::string::npos);
    CHECK(out[1].message.find("not listed") == std::string::npos);
    out.clear();
    esc::check_bidi_controls(SourceText("f.yaml", text), 6, out);
    REQUIRE(out.size() == 6);
    CHECK(out[5].message.find("; 1 more line after this one holds bidi controls too") != std::string::npos);
    out.clear();
    esc::check_bidi_controls(SourceText("f.yaml", text), 0, out);
    CHECK(out.empty());
  }

}  // TEST_SUITE
