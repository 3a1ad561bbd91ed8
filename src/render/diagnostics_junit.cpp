// JUnit XML as Jenkins xunit (junit-10.xsd), GitLab and test-results-parser read it:
// a test suite per file, a test case per finding.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"

namespace esc {

namespace {

std::string one_line(const Diagnostic& d, const std::string& path) {
  std::string where = d.mark.valid() ? fmt::format("{}:{}:{}", path, d.mark.line, d.mark.column) : path;
  std::string text = fmt::format("{}: {}: {} [{}]", where, to_string(d.severity), d.message, d.rule);
  if (!d.suggestion.empty()) text += "\n  = help: " + d.suggestion;
  return text;
}

// A file: its findings in order, or whether the config's ignore patterns skipped it.
struct Suite {
  std::string path;
  std::vector<const Diagnostic*> findings;
  bool skipped = false;
};

// The test case name of a finding: its rule and position, unique within its suite.
std::string test_name(const Diagnostic& d, std::map<std::string, int>& seen) {
  std::string name = d.mark.valid() ? fmt::format("{} at {}:{}", d.rule, d.mark.line, d.mark.column) : d.rule;
  int n = ++seen[name];
  return n == 1 ? name : fmt::format("{} ({})", name, n);
}

}  // namespace

void render_diagnostics_junit(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                              const std::vector<std::string>& files, const std::vector<std::string>& ignored,
                              bool warnings_fail, const std::string& base) {
  std::vector<Suite> suites;
  std::map<std::string, std::size_t> index;
  auto add = [&](const std::string& file) -> Suite& {
    auto [it, inserted] = index.emplace(file, suites.size());
    if (inserted) suites.push_back({display_path(file, base), {}, false});
    return suites[it->second];
  };
  for (const auto& file : files) add(file);
  for (const auto& d : diagnostics) add(d.file).findings.push_back(&d);
  for (const auto& file : ignored) add(file).skipped = true;
  auto fails = [&](const Diagnostic& d) { return d.severity == Severity::error || warnings_fail; };

  std::size_t tests = 0, failed = 0;
  for (const auto& suite : suites) {
    tests += std::max<std::size_t>(suite.findings.size(), 1);
    for (const Diagnostic* d : suite.findings) failed += fails(*d);
  }
  // junit-10.xsd (Jenkins xunit): no `skipped` on <testsuites>, no `file` on <testcase>;
  // the file is the suite's name and `file`, and each test case's classname.
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"esc-autopsy validate\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", tests,
                     failed);
  for (const auto& suite : suites) {
    std::string path = escape_xml(suite.path);
    std::size_t suite_failed = 0;
    for (const Diagnostic* d : suite.findings) suite_failed += fails(*d);
    out << fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" file=\"{}\">\n", path,
        std::max<std::size_t>(suite.findings.size(), 1), suite_failed, suite.skipped && suite.findings.empty() ? 1 : 0,
        path);
    std::string open = "    <testcase classname=\"" + path + "\" name=\"";
    if (suite.findings.empty()) {
      if (suite.skipped)
        out << open << "ignored\">\n      <skipped message=\"ignored by the config file&apos;s ignore patterns\"/>\n"
            << "    </testcase>\n";
      else
        out << open << "valid\"/>\n";
    }
    std::map<std::string, int> seen;
    for (const Diagnostic* d : suite.findings) {
      out << open << escape_xml(test_name(*d, seen)) << "\">\n";
      std::string text = escape_xml(one_line(*d, suite.path));
      if (fails(*d)) {
        std::string where = d->mark.valid() ? fmt::format("{}:{}: ", d->mark.line, d->mark.column) : "";
        out << "      <failure type=\"" << escape_xml(d->rule) << "\" message=\""
            << escape_xml(where + d->message + " [" + d->rule + "]") << "\">" << text << "</failure>\n";
      } else {
        out << "      <system-out>" << text << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace esc
