#pragma once
// Reading `validate --format json` output in end-to-end tests.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run.hpp"

namespace e2e {

struct Finding {
  std::string file;
  int line = 0;
  int column = 0;
  std::string severity;
  std::string rule;
  std::string message;
  std::string suggestion;
};

struct Report {
  bool parsed = false;
  std::vector<Finding> findings;
  int files = -1, cases = -1, errors = -1, warnings = -1;
};

/// Parses the JSON diagnostics document on stdout; `parsed` is false if it is not one.
inline Report parse_report(const Result& r) {
  Report report;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("diagnostics")) return report;
  report.parsed = true;
  for (const auto& d : doc["diagnostics"]) {
    Finding f;
    f.file = d.value("file", "");
    f.line = d.value("line", 0);
    f.column = d.value("column", 0);
    f.severity = d.value("severity", "");
    f.rule = d.value("rule", "");
    f.message = d.value("message", "");
    f.suggestion = d.value("suggestion", "");
    report.findings.push_back(f);
  }
  const auto& s = doc["summary"];
  report.files = s.value("files", -1);
  report.cases = s.value("cases", -1);
  report.errors = s.value("errors", -1);
  report.warnings = s.value("warnings", -1);
  return report;
}

/// The findings with this rule.
inline std::vector<Finding> with_rule(const Report& report, const std::string& rule) {
  std::vector<Finding> out;
  for (const auto& f : report.findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

/// True if a finding has this rule at line:column (in `file`, when given).
inline bool has(const Report& report, const std::string& rule, int line, int column, const std::string& file = "") {
  for (const auto& f : report.findings)
    if (f.rule == rule && f.line == line && f.column == column && (file.empty() || f.file == file)) return true;
  return false;
}

/// Exit code, stdout and stderr, for INFO().
inline std::string describe(const Result& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out.substr(0, 4000) + "\n--- stderr\n" +
         r.err.substr(0, 2000);
}

}  // namespace e2e
