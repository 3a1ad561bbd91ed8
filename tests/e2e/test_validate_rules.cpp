// Every file in examples/broken/ states its planted finding on its first line
// (`# expect: RULE at L:C`); validate must report exactly that.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>

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

}  // TEST_SUITE
