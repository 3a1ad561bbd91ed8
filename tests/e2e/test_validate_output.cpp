// validate's output: determinism across -j, colour control, the text format.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "findings.hpp"
#include "run.hpp"

namespace {

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

bool has_ansi(const std::string& text) {
  return text.find("\x1b[") != std::string::npos;
}

}  // namespace

TEST_SUITE("validate_output") {
  TEST_CASE("output is identical for -j1 and -j2") {
    for (const char* format : {"text", "json"}) {
      CAPTURE(format);
      auto one = e2e::run({"-j", "1", "validate", "--format", format, "examples/cases", "examples/broken"});
      auto two = e2e::run({"-j", "2", "validate", "--format", format, "examples/cases", "examples/broken"});
      INFO(e2e::describe(one));
      CHECK(one.exit_code == 1);
      CHECK(two.exit_code == one.exit_code);
      CHECK(two.out == one.out);
      CHECK(two.err == one.err);
      CHECK_FALSE(one.out.empty());
    }
    auto many = e2e::run({"-j", "8", "validate", "--format", "json", "examples/cases", "examples/broken"});
    auto one = e2e::run({"-j", "1", "validate", "--format", "json", "examples/cases", "examples/broken"});
    CHECK(many.out == one.out);
  }

  TEST_CASE("--color always emits ANSI escapes") {
    auto r = e2e::run({"--color", "always", "validate", "examples/broken/bad-date.yaml"});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK(has_ansi(r.out));
    CHECK(r.out.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
  }

  TEST_CASE("--color always wins over NO_COLOR") {
    auto r = e2e::run({"--color", "always", "validate", "examples/broken/bad-date.yaml"}, "", "", {"NO_COLOR=1"});
    CHECK(has_ansi(r.out));
  }

  TEST_CASE("NO_COLOR=1 with --color auto gives plain text") {
    auto r = e2e::run({"--color", "auto", "validate", "examples/broken/bad-date.yaml"}, "", "", {"NO_COLOR=1"});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK_FALSE(has_ansi(r.out));
    CHECK_FALSE(has_ansi(r.err));
  }

  TEST_CASE("--color never and a pipe under auto give plain text") {
    CHECK_FALSE(has_ansi(e2e::run({"--color", "never", "validate", "examples/broken/bad-date.yaml"}).out));
    CHECK_FALSE(has_ansi(e2e::run({"validate", "examples/broken/bad-date.yaml"}).out));
    auto forced = e2e::run({"--color", "never", "validate", "examples/broken/bad-date.yaml"}, "", "",
                           {"FORCE_COLOR=1", "CLICOLOR_FORCE=1"});
    CHECK_FALSE(has_ansi(forced.out));
  }

  TEST_CASE("a bad --color value is a usage error") {
    auto r = e2e::run({"--color", "sometimes", "validate", "examples/cases"});
    CHECK(r.exit_code == 2);
  }

  TEST_CASE("text format line 1 is path:line:col: error: message [rule]") {
    auto r = e2e::run({"validate", "examples/broken/bad-date.yaml"});
    INFO(e2e::describe(r));
    CHECK(first_line(r.out) ==
          "examples/broken/bad-date.yaml:9:9: error: `opened` is not a date: `2024-02-30` [bad-date]");
    static const std::regex shape(R"(^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$)");
    auto all = e2e::run({"validate", "examples/broken"});
    std::istringstream lines(all.out);
    std::string line;
    int headers = 0;
    while (std::getline(lines, line))
      if (line.rfind("examples/", 0) == 0) {
        CAPTURE(line);
        CHECK(std::regex_match(line, shape));
        ++headers;
      }
    CHECK(headers >= 21);
  }

  TEST_CASE("text format shows a warning as `warning:` then the source line and a caret") {
    auto r = e2e::run({"validate", "examples/broken/no-evidence.yaml"});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string header, source, caret;
    std::getline(lines, header);
    std::getline(lines, source);
    std::getline(lines, caret);
    CHECK(header.rfind("examples/broken/no-evidence.yaml:12:11: warning: ", 0) == 0);
    CHECK(header.find("[no-evidence]") != std::string::npos);
    CHECK(source.find("  - code: product-flaw.defect") != std::string::npos);
    // The caret sits under column 11 of the source text.
    auto bar = source.find("| ");
    REQUIRE(bar != std::string::npos);
    CHECK(caret.find('^') == bar + 2 + 10);
  }

  TEST_CASE("a lone CR in the quoted source line is shown as a symbol, not sent to the terminal") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cr.yaml", "#\rs;#\r");  // YAML breaks lines at a lone CR; we do not
    auto r = e2e::run({"validate", "cr.yaml"}, "", dir);
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK(first_line(r.out).rfind("cr.yaml:1:3: error: ", 0) == 0);
    CHECK(r.out.find('\r') == std::string::npos);
    CHECK(r.out.find(" | #\u240Ds;#\n") != std::string::npos);  // the last CR ends the line
    CHECK(r.out.find(" |   ^\n") != std::string::npos);         // under the "s"
  }

  TEST_CASE("a whole-file finding has no line and column in the text format") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/big.yaml", std::string(2048, '#'));
    auto r = e2e::run({"--max-file-size", "1k", "validate", "big.yaml"}, "", dir);
    CHECK(first_line(r.out).rfind("big.yaml: error: ", 0) == 0);
    CHECK(first_line(r.out).find("[input-limit]") != std::string::npos);
  }

  TEST_CASE("the summary line counts errors and warnings and files and cases") {
    auto r = e2e::run({"validate", "examples/broken"});
    CHECK(r.out.find("14 errors and 7 warnings in 23 files (21 cases)") != std::string::npos);
    auto clean = e2e::run({"validate", "examples/cases"});
    CHECK(clean.out.find("ok: 20 files (21 cases), no problems found") != std::string::npos);
  }

  TEST_CASE("-q prints only errors and no summary") {
    auto r = e2e::run({"-q", "validate", "examples/broken"});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(": warning: ") == std::string::npos);
    CHECK(r.out.find(": error: ") != std::string::npos);
    CHECK(r.out.find("in 23 files") == std::string::npos);
  }

  TEST_CASE("the JSON format has a schema and diagnostics and a summary") {
    auto r = e2e::run({"validate", "--format", "json", "examples/broken/bad-date.yaml"});
    auto doc = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["schema"] == "esc-autopsy/diagnostics/v1");
    REQUIRE(doc["diagnostics"].size() == 1);
    const auto& d = doc["diagnostics"][0];
    CHECK(d["file"] == "examples/broken/bad-date.yaml");
    CHECK(d["line"] == 9);
    CHECK(d["column"] == 9);
    CHECK(d["severity"] == "error");
    CHECK(d["rule"] == "bad-date");
    CHECK(d["suggestion"].is_string());
    CHECK(doc["summary"]["errors"] == 1);
    CHECK(doc["summary"]["files"] == 1);
  }

}  // TEST_SUITE
