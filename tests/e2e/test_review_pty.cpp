// `review` on a real pseudo-terminal: single keys in raw mode, Ctrl-C and
// Ctrl-D, and the terminal's settings restored whatever the way out.
#include <doctest/doctest.h>

#include "pty.hpp"
#include "run.hpp"

namespace {

struct Fixture {
  std::string dir = e2e::temp_dir();
  std::string original = e2e::read_file(e2e::source_path("examples/broken/autopsy-pending.yaml"));
  std::string path = dir + "/case.yaml";
  Fixture() { e2e::write_file(path, original); }
  bool untouched() const { return e2e::read_file(path) == original; }
};

bool cooked(const termios& t) {
  return (t.c_lflag & ICANON) && (t.c_lflag & ECHO) && (t.c_lflag & ISIG);
}

const char* k_category_prompt = "[y/N/u/s/b/q/?] ";

}  // namespace

TEST_CASE("pty: yes walks the children, back returns, no moves on, q quits without writing") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  REQUIRE(s.expect("[1/6] Bad sale"));
  REQUIRE(s.expect(k_category_prompt));
  CHECK_FALSE(cooked(s.settings()));  // raw single-key mode while a key is awaited
  s.send("y");
  REQUIRE(s.expect("yes"));
  REQUIRE(s.expect("bad-sale.wrong-solution: Inappropriate solution sold at the outset"));
  REQUIRE(s.expect(k_category_prompt));
  s.send("?");
  REQUIRE(s.expect("u  unsure: record it as suspected"));
  s.send("b");
  REQUIRE(s.expect("back"));
  REQUIRE(s.expect("[1/6] Bad sale"));
  s.send("n");
  REQUIRE(s.expect("[2/6] Product flaw"));
  s.send("x");  // not an answer: the help line again
  REQUIRE(s.expect("y yes  n no  u unsure"));
  s.send("q");  // after an answer: asks first; n goes on with the same question
  REQUIRE(s.expect("Quit without writing? The 1 answer given so far will be lost [y/N/?] "));
  s.send("n");
  REQUIRE(s.expect("[2/6] Product flaw"));
  s.send("q");
  REQUIRE(s.expect("Quit without writing?"));
  s.send("y");
  REQUIRE(s.expect("Quit: nothing written; case.yaml is untouched."));
  CHECK(s.wait() == 1);
  CHECK(f.untouched());
  CHECK(cooked(s.settings()));
}

TEST_CASE("pty: Ctrl-C at a key leaves the file untouched, exits 130 and restores the terminal") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  REQUIRE(s.expect(k_category_prompt));
  s.send("y");
  REQUIRE(s.expect(k_category_prompt));
  s.send("\x03");
  REQUIRE(s.expect("Interrupted: case.yaml is untouched."));
  CHECK(s.wait() == 130);
  CHECK(f.untouched());
  CHECK(cooked(s.settings()));
}

TEST_CASE("pty: Ctrl-C while typing evidence is a SIGINT, same outcome") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  REQUIRE(s.expect(k_category_prompt));
  s.send("y");
  REQUIRE(s.expect(k_category_prompt));
  s.send("y");
  REQUIRE(s.expect("[c/l/S/b/q/?] "));
  s.send("c");
  REQUIRE(s.expect("[none] > "));
  s.send("half-typed evid");
  s.send("\x03");
  REQUIRE(s.expect("Interrupted"));
  CHECK(s.wait() == 130);
  CHECK(f.untouched());
  CHECK(cooked(s.settings()));
}

TEST_CASE("pty: Ctrl-D ends the session like end of input") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  REQUIRE(s.expect(k_category_prompt));
  s.send("\x04");
  REQUIRE(s.expect("End of input: nothing written"));
  CHECK(s.wait() == 1);
  CHECK(f.untouched());
  CHECK(cooked(s.settings()));
}

TEST_CASE("pty: a whole session with keys and typed lines writes the reviewed causes") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  auto key = [&](const std::string& prompt, const std::string& keys) {
    INFO(prompt << " -> " << keys << "\n" << s.output());
    REQUIRE(s.expect(prompt));
    s.send(keys);
  };
  key("[1/6] Bad sale", "n");
  key("[2/6] Product flaw", "y");
  key("product-flaw.defect: Reproducible defect", "y");
  key("[c/l/S/b/q/?] ", "c");
  key("[none] > ", "Crash on launch reproduced: MOB-311\r");
  key("[engineering] > ", "\r");
  for (const char* child : {"product-flaw.design", "product-flaw.provisioning", "product-flaw.complexity"})
    key(child, "n");
  key("[3/6]", "n");
  key("[4/6]", "y");
  key("rushed-onboarding.none", "n");
  key("rushed-onboarding.rushed", "u");
  key("[none] > ", "\r");
  key("[customer-success] > ", "\r");
  for (const char* child : {"too-high-level", "no-oversight", "services-scope"}) key(child, "n");
  key("[5/6]", "\r");  // Enter: the default, no
  key("[6/6]", "n");
  key("What led to what?", "");
  key("[none] > ", "\r");     // the defect: a root
  key("[none] > ", "x 1\r");  // rushed: "x" is no cause here, refused
  key("refused: `x` is not a cause found in this case", "");
  key("[none] > ", "1\r");  // rushed onboarding was led to by the defect
  key("Departments at this review", "engineering 5\r");
  key("Date of the review meeting", "2024-05-20\r");
  key("Write these changes to case.yaml?", "y");
  REQUIRE(s.expect("Wrote case.yaml."));
  CHECK(s.wait() == 0);
  CHECK(cooked(s.settings()));
  CHECK(e2e::read_file(f.path) == f.original +
                                      "causes:\n"
                                      "  - code: product-flaw.defect\n"
                                      "    confidence: confirmed\n"
                                      "    evidence: \"Crash on launch reproduced: MOB-311\"\n"
                                      "  - code: rushed-onboarding.rushed\n"
                                      "    confidence: suspected\n"
                                      "    caused_by: [product-flaw.defect]\n"
                                      "reviewed:\n"
                                      "  date: 2024-05-20\n"
                                      "  attendees: [engineering, customer-success]\n");
}

TEST_CASE("pty: a file changed on disk during the session is not replaced, the review is saved beside it") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  auto key = [&](const std::string& prompt, const std::string& keys) {
    INFO(prompt << "\n" << s.output());
    REQUIRE(s.expect(prompt));
    s.send(keys);
  };
  key("[1/6]", "y");
  key("bad-sale.wrong-solution", "y");
  key("[c/l/S/b/q/?] ", "l");
  key("[none] > ", "\r");
  key("[sales] > ", "\r");
  for (const char* prompt :
       {"bad-sale.overpromised", "bad-sale.segment-mismatch", "[2/6]", "[3/6]", "[4/6]", "[5/6]", "[6/6]"})
    key(prompt, "n");
  key("Departments at this review", "\r");
  REQUIRE(s.expect("Write these changes to case.yaml?"));
  std::string edited_meanwhile = f.original + "tags: [edited-meanwhile]\n";
  e2e::write_file(f.path, edited_meanwhile);
  s.send("y");
  CHECK(s.wait() == 2);
  CHECK(s.output().find("case.yaml changed on disk during the review; nothing replaced") != std::string::npos);
  CHECK(e2e::read_file(f.path) == edited_meanwhile);
  CHECK(e2e::read_file(f.path + ".reviewed") ==
        f.original + "causes:\n  - code: bad-sale.wrong-solution\n    confidence: likely\n");
}

TEST_CASE("pty: arrows move the cursor in a typed line and are never echoed as escape codes") {
  Fixture f;
  e2e::PtySession s({"review", "case.yaml"}, f.dir);
  auto key = [&](const std::string& prompt, const std::string& keys) {
    INFO(prompt << "\n" << s.output());
    REQUIRE(s.expect(prompt));
    s.send(keys);
  };
  key("[1/6]", "\x1b[D\x1b[Cy");  // arrows at a key question: ignored whole, not read as `[`, `D`, `C`
  key("bad-sale.wrong-solution", "y");
  key("[c/l/S/b/q/?] ", "l");
  // "abcd", Left Left, Backspace (erases b), "X", Right, Up (ignored), End, "é", Home, Delete (erases a): "Xcdé".
  key("[none] > ", "abcd\x1b[D\x1b[D\x7fX\x1b[C\x1b[A\x1b[F\xc3\xa9\x1b[H\x1b[3~\r");
  key("[sales] > ", "\r");
  for (const char* prompt :
       {"bad-sale.overpromised", "bad-sale.segment-mismatch", "[2/6]", "[3/6]", "[4/6]", "[5/6]", "[6/6]"})
    key(prompt, "n");
  key("Departments at this review", "\r");
  key("Write these changes to case.yaml?", "y");
  REQUIRE(s.expect("Wrote case.yaml."));
  CHECK(s.wait() == 0);
  CHECK(s.output().find("^[") == std::string::npos);
  std::size_t helps = 0;
  for (std::size_t at = 0; (at = s.output().find("y yes  n no  u unsure", at)) != std::string::npos; ++at) ++helps;
  CHECK(helps == 1);  // shown once with the first question, never again for a refused key
  CHECK(cooked(s.settings()));
  CHECK(e2e::read_file(f.path) ==
        f.original + "causes:\n  - code: bad-sale.wrong-solution\n    confidence: likely\n    evidence: Xcd\xc3\xa9\n");
}
