// Every file in examples/broken/ states its planted finding on its first line
// (`# expect: RULE at L:C`); validate must report exactly that.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "findings.hpp"
#include "run.hpp"

namespace fs = std::filesystem;

namespace {

struct Expectation {
  std::string path;  // relative to the source tree, e.g. examples/broken/bad-date.yaml
  std::string rule;
  int line = 0;
  int column = 0;
};

const std::set<std::string> k_warning_rules = {"unknown-key",      "no-evidence",     "no-actions",
                                               "owner-absent",     "autopsy-pending", "timeline-order",
                                               "account-mismatch", "deprecated-code", "unused-suppression"};

std::string first_line(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::getline(in, line);
  return line;
}

// The broken examples that state a finding, sorted by path.
std::vector<Expectation> expectations() {
  std::vector<Expectation> out;
  static const std::regex pattern(R"(^# expect: ([a-z-]+) at (\d+):(\d+)\s*$)");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(e2e::source_path("examples/broken")))
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    std::string relative = "examples/broken/" + name;
    std::smatch m;
    std::string line = first_line(e2e::source_path(relative));
    if (!std::regex_match(line, m, pattern)) continue;
    out.push_back({relative, m[1], std::stoi(m[2]), std::stoi(m[3])});
  }
  return out;
}

// The pair partner (`-a` file) of a `duplicate-id-b` / `account-mismatch-b` file, or empty.
std::string partner(const std::string& path) {
  for (const char* stem : {"duplicate-id", "account-mismatch"}) {
    std::string b = std::string("examples/broken/") + stem + "-b.yaml";
    if (path == b) return std::string("examples/broken/") + stem + "-a.yaml";
  }
  return "";
}

std::vector<std::string> validate_args(const Expectation& e, bool strict = false) {
  std::vector<std::string> args = {"validate", "--format", "json"};
  if (strict) args.push_back("--strict");
  if (!partner(e.path).empty()) args.push_back(partner(e.path));
  args.push_back(e.path);
  return args;
}

}  // namespace

TEST_SUITE("validate_rules") {
  TEST_CASE("every broken example has an expectation with one file per rule") {
    auto all = expectations();
    std::set<std::string> rules;
    for (const auto& e : all) rules.insert(e.rule);
    const std::set<std::string> expected = {
        "yaml-syntax",        "duplicate-key",  "missing-field",   "wrong-type",      "bad-date",      "date-order",
        "bad-enum",           "unknown-cause",  "duplicate-id",    "duplicate-cause", "dangling-link", "causal-cycle",
        "unknown-department", "bad-encoding",   "unknown-key",     "no-evidence",     "no-actions",    "owner-absent",
        "autopsy-pending",    "timeline-order", "account-mismatch"};
    CHECK(rules == expected);
    CHECK(all.size() == expected.size());
  }

  TEST_CASE("each broken example reports its one planted finding at the stated line and column") {
    for (const auto& e : expectations()) {
      CAPTURE(e.path);
      CAPTURE(e.rule);
      auto r = e2e::run(validate_args(e));
      INFO(e2e::describe(r));
      auto report = e2e::parse_report(r);
      REQUIRE(report.parsed);
      CHECK(e2e::has(report, e.rule, e.line, e.column, e.path));
      // Nothing else: no other error and no other finding at all.
      CHECK(report.findings.size() == 1);
      bool warning = k_warning_rules.count(e.rule) > 0;
      CHECK(report.errors == (warning ? 0 : 1));
      CHECK(report.warnings == (warning ? 1 : 0));
      for (const auto& f : report.findings) CHECK(f.severity == (warning ? "warning" : "error"));
      CHECK(r.exit_code == (warning ? 0 : 1));
    }
  }

  TEST_CASE("warnings fail the run only with --strict") {
    for (const auto& e : expectations()) {
      if (!k_warning_rules.count(e.rule)) continue;
      CAPTURE(e.path);
      auto r = e2e::run(validate_args(e, true));
      INFO(e2e::describe(r));
      CHECK(r.exit_code == 1);
    }
  }

  TEST_CASE("errors fail the run with or without --strict") {
    for (const auto& e : expectations()) {
      if (k_warning_rules.count(e.rule)) continue;
      CAPTURE(e.path);
      CHECK(e2e::run(validate_args(e)).exit_code == 1);
      CHECK(e2e::run(validate_args(e, true)).exit_code == 1);
    }
  }

  TEST_CASE("the -a file of a pair is clean on its own") {
    for (const char* path : {"examples/broken/duplicate-id-a.yaml", "examples/broken/account-mismatch-a.yaml"}) {
      CAPTURE(path);
      CHECK(first_line(e2e::source_path(path)).rfind("# expect: none", 0) == 0);
      auto r = e2e::run({"validate", "--strict", "--format", "json", path});
      INFO(e2e::describe(r));
      CHECK(r.exit_code == 0);
      CHECK(e2e::parse_report(r).findings.empty());
    }
  }

  TEST_CASE("duplicate-id names both places") {
    auto r = e2e::run(
        {"validate", "--format", "json", "examples/broken/duplicate-id-a.yaml", "examples/broken/duplicate-id-b.yaml"});
    auto found = e2e::with_rule(e2e::parse_report(r), "duplicate-id");
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == "examples/broken/duplicate-id-b.yaml");
    CHECK(found[0].message.find("examples/broken/duplicate-id-a.yaml:3:5") != std::string::npos);
  }

  TEST_CASE("the order of the pair on the command line does not matter") {
    auto r = e2e::run(
        {"validate", "--format", "json", "examples/broken/duplicate-id-b.yaml", "examples/broken/duplicate-id-a.yaml"});
    auto report = e2e::parse_report(r);
    INFO(e2e::describe(r));
    CHECK(report.findings.size() == 1);
    CHECK(report.errors == 1);
    CHECK(r.exit_code == 1);
  }

  TEST_CASE("validating the whole broken folder gives exactly the planted findings") {
    auto all = expectations();
    auto r = e2e::run({"validate", "--format", "json", "examples/broken"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    REQUIRE(report.parsed);
    CHECK(r.exit_code == 1);
    CHECK(report.findings.size() == all.size());
    for (const auto& e : all) {
      CAPTURE(e.path);
      CHECK(e2e::has(report, e.rule, e.line, e.column, e.path));
    }
  }

  TEST_CASE("validating all of examples/ adds nothing to the broken findings") {
    auto broken = e2e::parse_report(e2e::run({"validate", "--format", "json", "examples/broken"}));
    auto r = e2e::run({"validate", "--format", "json", "examples"});
    INFO(e2e::describe(r));
    auto everything = e2e::parse_report(r);
    REQUIRE(everything.parsed);
    CHECK(everything.findings.size() == broken.findings.size());
    CHECK(everything.errors == broken.errors);
    CHECK(everything.warnings == broken.warnings);
    CHECK(everything.cases == broken.cases + 21);
  }

  TEST_CASE("the clean examples pass --strict with no findings") {
    auto r = e2e::run({"validate", "--strict", "--format", "json", "examples/cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 0);
    CHECK(report.findings.empty());
    CHECK(report.files == 20);
    CHECK(report.cases == 21);
  }

  TEST_CASE("suggestions reach the output") {
    auto uc = e2e::parse_report(e2e::run({"validate", "--format", "json", "examples/broken/unknown-cause.yaml"}));
    REQUIRE(uc.findings.size() == 1);
    CHECK(uc.findings[0].suggestion == "did you mean `product-flaw.defect`?");
    auto uk = e2e::parse_report(e2e::run({"validate", "--format", "json", "examples/broken/unknown-key.yaml"}));
    REQUIRE(uk.findings.size() == 1);
    CHECK(uk.findings[0].suggestion == "did you mean `summary`?");
  }

  TEST_CASE("bidi controls are bad-encoding warnings per line in comments and quoted text and are suppressible") {
    auto r = e2e::run({"validate", "--format", "json", "tests/cases/bidi/trojan.yaml"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    REQUIRE(report.parsed);
    struct Expected {
      int line, column;
      const char* named;
    };
    // The table of tests/cases/bidi/README.md; line 18 is suppressed.
    const Expected expected[] = {{2, 21, "U+202E RIGHT-TO-LEFT OVERRIDE and 1 more on this line:"},
                                 {4, 17, "U+202B RIGHT-TO-LEFT EMBEDDING and 1 more on this line:"},
                                 {7, 15, "U+202A LEFT-TO-RIGHT EMBEDDING:"},
                                 {12, 14, "U+202D LEFT-TO-RIGHT OVERRIDE:"},
                                 {13, 14, "U+2066 LEFT-TO-RIGHT ISOLATE and 5 more on this line:"},
                                 {17, 22, "U+2067 RIGHT-TO-LEFT ISOLATE and 1 more on this line:"}};
    REQUIRE(report.findings.size() == std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
      const auto& f = report.findings[i];
      CAPTURE(f.message);
      CHECK(f.rule == "bad-encoding");
      CHECK(f.severity == "warning");
      CHECK(f.line == expected[i].line);
      CHECK(f.column == expected[i].column);
      CHECK(f.message.find(expected[i].named) != std::string::npos);
      CHECK(f.suggestion.rfind("delete it", 0) == 0);
    }
    CHECK(report.errors == 0);
    CHECK(report.cases == 1);
    CHECK(nlohmann::json::parse(r.out)["summary"]["suppressed"] == 1);
    CHECK(r.exit_code == 0);
    CHECK(e2e::run({"validate", "--strict", "tests/cases/bidi/trojan.yaml"}).exit_code == 1);
  }

  TEST_CASE("bidi findings reach the github sarif and junit formats as warnings") {
    const std::string path = "tests/cases/bidi/trojan.yaml";
    auto github = e2e::run({"validate", "--format", "github", path});
    CHECK(github.out.find("::warning file=" + path +
                          ",line=2,col=21,title=bad-encoding::invisible bidi control U+202E RIGHT-TO-LEFT OVERRIDE") !=
          std::string::npos);
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = github.out.find("::warning ", at)) != std::string::npos; ++at) ++lines;
    CHECK(lines == 6);
    auto sarif = nlohmann::json::parse(e2e::run({"validate", "--format", "sarif", path}).out);
    const auto& results = sarif["runs"][0]["results"];
    REQUIRE(results.size() == 6);
    for (const auto& result : results) {
      CHECK(result["ruleId"] == "bad-encoding");
      CHECK(result["level"] == "warning");
    }
    CHECK(results[4]["locations"][0]["physicalLocation"]["region"]["startLine"] == 13);
    CHECK(results[4]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 14);
    auto junit = e2e::run({"validate", "--format", "junit", path});
    CHECK(junit.out.find("name=\"bad-encoding at 17:22\"") != std::string::npos);
    CHECK(junit.out.find("failures=\"0\"") != std::string::npos);
  }

  TEST_CASE("the text output shows a bidi line escaped with the caret under the control") {
    auto r = e2e::run({"validate", "tests/cases/bidi/trojan.yaml"});
    INFO(e2e::describe(r));
    // No bidi control reaches the terminal: the line is shown in the order it is read in.
    for (const char* raw : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
                            "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"})
      CHECK((r.out + r.err).find(raw) == std::string::npos);
    CHECK(r.out.find(" 13 |   An isolate \\u2066left\\u2069 and \\u2067right\\u2069 and \\u2068first\\u2069.\n"
                     "    |              ^\n") != std::string::npos);
    // A finding after an escaped control: the caret moves by the escape's width (6), not by 1.
    auto t = e2e::temp_dir();
    e2e::write_file(t + "/d.yaml", "id: B-1\ntitle: \"\xE2\x80\xAE\" [1\n");
    auto two = e2e::run({"validate", t + "/d.yaml"});
    INFO(e2e::describe(two));
    // The yaml-syntax finding at 2:12: `title: "` (8), the escape (6) and `" ` (2) before it.
    CHECK(two.out.find(" 2 | title: \"\\u202e\" [1\n   | " + std::string(16, ' ') + "^\n") != std::string::npos);
  }

  TEST_CASE("a config making bad-encoding an error leaves out only the case whose document holds the control") {
    auto t = e2e::temp_dir();
    e2e::write_file(t + "/.esc-autopsy.yaml", "rules:\n  bad-encoding: error\n");
    std::string clean = e2e::read_file(e2e::source_path("examples/cases/2023/ESC-2023-0003-summit-analytics.yaml"));
    std::string second = clean;
    second.replace(second.find("id: ESC-2023-0003"), 17, "id: ESC-2023-9003");
    second.replace(second.find("id: SMA-0777"), 12, "id: BIDI-ACC-2");
    second.replace(second.find("title: Summit"), 13, "title: \xE2\x81\xA7Summit");
    e2e::write_file(t + "/cases/two.yaml", clean + "---\n" + second);
    auto v = e2e::parse_report(e2e::run({"validate", "--format", "json", "cases"}, "", t));
    REQUIRE(v.findings.size() == 1);
    CHECK(v.findings[0].severity == "error");
    CHECK(v.findings[0].line == 74 + 1 + 4);  // the first document's 74 lines, `---`, then the 4th line
    CHECK(v.findings[0].column == 8);
    auto report = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "cases"}, "", t);
    INFO(e2e::describe(report));
    CHECK(nlohmann::json::parse(report.out)["summary"]["cases"] == 1);
    CHECK(report.out.find("SMA-0777") != std::string::npos);  // the first document's account
    CHECK(report.out.find("BIDI-ACC-2") == std::string::npos);
    CHECK(report.err.find("1 case(s) with errors left out") != std::string::npos);
  }

}  // TEST_SUITE
