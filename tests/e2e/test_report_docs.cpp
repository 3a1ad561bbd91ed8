// The report man page is part of the product: it renders cleanly and defines
// every key of the JSON report and every report option.
#include <cstdlib>
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

using nlohmann::json;

namespace {

const char* k_page = "man/esc-autopsy-report.1";

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// "causes[].code", "summary.cases", "loops", ...: the path of every value of a
// JSON report that is not itself an object or a list of objects.
void paths(const json& value, const std::string& path, std::set<std::string>& out) {
  bool objects = value.is_array() && !value.empty() && value[0].is_object();
  if (value.is_object() && path != "trend[].categories") {  // trend's keys are category codes
    for (auto it = value.begin(); it != value.end(); ++it)
      paths(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
  } else if (objects) {
    for (const auto& item : value) paths(item, path + "[]", out);
  } else {
    out.insert(path);
  }
}

}  // namespace

TEST_CASE("the report man page renders without warnings and has every section") {
  std::string text = e2e::read_file(e2e::source_path(k_page));
  for (const char* section :
       {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH OUTPUT FORMATS", ".SH JSON REPORT",
        ".SH TEMPLATE CONTEXT", ".SH EXIT STATUS", ".SH EXAMPLES", ".SH SEE ALSO"})
    CHECK_MESSAGE(text.find(section) != std::string::npos, section);
  if (!have("man")) {
    MESSAGE("man (man-db) is not installed; rendering not checked");
    return;
  }
  std::string command =
      "cd " + e2e::source_path("") + " && MANWIDTH=80 man --warnings -l " + k_page + " 2>&1 >/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string warnings;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) warnings.append(buffer, n);
  CHECK(::pclose(pipe) == 0);
  CHECK(warnings == "");
}

TEST_CASE("the report man page defines every key of the JSON report") {
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "examples/cases",
                     "tests/cases/analysis/loop-across-cases/cases"});
  REQUIRE(r.exit_code == 0);
  std::set<std::string> keys;
  paths(json::parse(r.out), "", keys);
  auto has_items = [&](const std::string& key) {  // a list of objects, empty here but not elsewhere
    auto next = keys.lower_bound(key + "[]");
    return next != keys.end() && next->rfind(key + "[]", 0) == 0;
  };
  for (auto it = keys.begin(); it != keys.end();) it = has_items(*it) ? keys.erase(it) : std::next(it);
  // A finding's evidence holds keys of other sections (documented there): the object itself is documented.
  for (auto it = keys.begin(); it != keys.end();)
    it = it->rfind("findings[].evidence.", 0) == 0 ? keys.erase(it) : std::next(it);
  keys.insert("findings[].evidence");
  REQUIRE(keys.size() > 80);
  std::string page = e2e::read_file(e2e::source_path(k_page));
  for (const auto& key : keys) CHECK_MESSAGE(page.find(".B " + key + "\n") != std::string::npos, key);
}

TEST_CASE("the report man page describes every option of report --help") {
  auto help = e2e::run({"report", "--help"});
  std::string page = e2e::read_file(e2e::source_path(k_page));
  for (const char* option :
       {"\\-\\-format", "\\-\\-table", "\\-\\-template", "\\-\\-redact", "\\-\\-output", "\\-\\-force", "\\-\\-as\\-of",
        "\\-\\-min\\-accounts", "\\-\\-since", "\\-\\-until", "\\-\\-segment", "\\-\\-account", "\\-\\-tag"}) {
    std::string plain = option;
    for (std::size_t at; (at = plain.find("\\-")) != std::string::npos;) plain.replace(at, 2, "-");
    CHECK_MESSAGE(help.out.find(plain) != std::string::npos, plain);
    CHECK_MESSAGE(page.find(option) != std::string::npos, plain);
  }
}
