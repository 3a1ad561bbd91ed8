// The CI renderers: escaping and structure (their consumers run in e2e tests).
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/model/rule_catalog.hpp"
#include "esc/render/case_schema.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/render/text_escape.hpp"

namespace {
std::vector<esc::Diagnostic> sample() {
  return {{esc::Severity::error,
           "unknown-cause",
           "/repo/cases/a b.yaml",
           {3, 9},
           "unknown code `x`, 100%\nnext",
           "did you mean `y`?",
           0},
          {esc::Severity::warning, "no-actions", "/repo/cases/c.yaml", {}, "no <actions> & \"quotes\"", "", 1}};
}
}  // namespace

TEST_CASE("GitHub workflow commands escape data and properties") {
  CHECK(esc::escape_github_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e");
  CHECK(esc::escape_github_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce");
  std::ostringstream out;
  esc::render_diagnostics_github(out, sample(), "/repo");
  CHECK(out.str() ==
        "::error file=cases/a b.yaml,line=3,col=9,title=unknown-cause::unknown code `x`, 100%25\\nnext; did you mean "
        "`y`?\n"
        "::warning file=cases/c.yaml,title=no-actions::no <actions> & \"quotes\"\n");
}

TEST_CASE("XML escaping handles markup, control characters and invalid UTF-8") {
  CHECK(esc::escape_xml("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(esc::escape_xml(std::string("a\x01"
                                    "b\x7f"
                                    "c",
                                    5)) == "abc");
  CHECK(esc::escape_xml("caf\xC3\xA9 \xE9t\xE9") == "caf\xC3\xA9 \xEF\xBF\xBDt\xEF\xBF\xBD");
  CHECK(esc::escape_xml("line\nnext") == "line&#10;next");
}

TEST_CASE("JUnit: a suite per file, a test case per finding, failures for errors, warnings in system-out") {
  std::ostringstream out;
  esc::render_diagnostics_junit(out, sample(), {"/repo/cases/a b.yaml", "/repo/cases/c.yaml", "/repo/ok.yaml"},
                                {"/repo/drafts/d.yaml"}, false, "/repo");
  std::string xml = out.str();
  INFO(xml);
  CHECK(xml.find("<testsuites name=\"esc-autopsy validate\" tests=\"4\" failures=\"1\" errors=\"0\">") !=
        std::string::npos);
  CHECK(xml.find("<testsuite name=\"cases/a b.yaml\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" "
                 "file=\"cases/a b.yaml\">\n    <testcase classname=\"cases/a b.yaml\" name=\"unknown-cause at 3:9\">\n"
                 "      <failure type=\"unknown-cause\"") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"cases/c.yaml\" name=\"no-actions\">\n      <system-out>cases/c.yaml: warning: "
                 "no &lt;actions&gt; &amp; &quot;quotes&quot; [no-actions]") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"ok.yaml\" name=\"valid\"/>") != std::string::npos);
  CHECK(xml.find("skipped=\"1\" file=\"drafts/d.yaml\">\n    <testcase classname=\"drafts/d.yaml\" name=\"ignored\">\n"
                 "      <skipped") != std::string::npos);
  std::ostringstream strict;
  esc::render_diagnostics_junit(strict, sample(), {}, {}, true, "/repo");
  CHECK(strict.str().find("failures=\"2\"") != std::string::npos);
  CHECK(strict.str().find("<system-out>") == std::string::npos);
}

TEST_CASE("JUnit: two findings of one rule at one place get distinct names") {
  std::vector<esc::Diagnostic> twice = {{esc::Severity::error, "bad-date", "/r/a.yaml", {2, 3}, "one", "", 0},
                                        {esc::Severity::error, "bad-date", "/r/a.yaml", {2, 3}, "two", "", 0}};
  std::ostringstream out;
  esc::render_diagnostics_junit(out, twice, {"/r/a.yaml"}, {}, false, "/r");
  CHECK(out.str().find("name=\"bad-date at 2:3\"") != std::string::npos);
  CHECK(out.str().find("name=\"bad-date at 2:3 (2)\"") != std::string::npos);
}

TEST_CASE("SARIF lists every rule and locates results relative to the base") {
  std::ostringstream out;
  esc::render_diagnostics_sarif(out, sample(), "/repo");
  auto doc = nlohmann::json::parse(out.str());
  CHECK(doc["version"] == "2.1.0");
  const auto& run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == esc::rule_catalog().size());
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/");
  const auto& first = run["results"][0];
  CHECK(first["ruleId"] == "unknown-cause");
  CHECK(first["level"] == "error");
  const auto& location = first["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "cases/a%20b.yaml");
  CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(location["region"]["startLine"] == 3);
  CHECK(location["region"]["startColumn"] == 9);
  CHECK(run["results"][1]["level"] == "warning");
  CHECK(run["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
  bool relative = true;
  CHECK(esc::artifact_uri("/elsewhere/x.yaml", "/repo", relative) == "file:///elsewhere/x.yaml");
  CHECK_FALSE(relative);
}

TEST_CASE("every rule has a summary and a help text") {
  for (const auto& rule : esc::rule_catalog()) {
    INFO(rule.id);
    CHECK_FALSE(rule.summary.empty());
    CHECK_FALSE(rule.help.empty());
  }
  REQUIRE(esc::find_rule("bad-suppression"));
  CHECK(esc::find_rule("bad-suppression")->default_severity == esc::Severity::warning);
}

TEST_CASE("the case schema carries the taxonomy's codes and departments with their titles") {
  std::ostringstream out;
  esc::render_case_schema(out, esc::default_taxonomy());
  auto schema = nlohmann::json::parse(out.str());
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  const auto& codes = schema["definitions"]["causeCode"];
  REQUIRE(codes["enum"].size() == codes["enumDescriptions"].size());
  CHECK(codes["enum"][1] == "bad-sale.wrong-solution");
  CHECK(codes["enumDescriptions"][1].get<std::string>().rfind("Inappropriate solution sold at the outset", 0) == 0);
  const auto& departments = schema["definitions"]["department"];
  CHECK(departments["enum"][0] == "sales");
  CHECK(departments["enumDescriptions"][0] == "Sales");
  CHECK(schema["required"] == nlohmann::json::array({"id", "title", "account", "opened"}));
}

TEST_CASE("escape_text shows control characters, bidi overrides and bad bytes and keeps the rest") {
  CHECK(esc::escape_text("plain `code` caf\xC3\xA9") == "plain `code` caf\xC3\xA9");
  CHECK(esc::escape_text("a\nb\r\tc\x1b[2J\x7f") == "a\\nb\\r\\tc\\x1b[2J\\x7f");
  CHECK(esc::escape_text("x\xC2\x85y\xC2\x9B") == "x\\u0085y\\u009b");
  CHECK(esc::escape_text("\xE2\x80\xAE"
                         "evil\xE2\x80\xA8") == "\\u202eevil\\u2028");
  CHECK(esc::escape_text("bad\xFF\xC3") == "bad\\xff\\xc3");
}

TEST_CASE("neutralize_command defuses a line that starts like a workflow command") {
  CHECK(esc::neutralize_command("::error file=x::y") == "\\::error file=x::y");
  CHECK(esc::neutralize_command("  ::warning::y") == "  \\::warning::y");
  CHECK(esc::neutralize_command("\xC2\xA0::notice::y") == "\xC2\xA0\\::notice::y");
  CHECK(esc::neutralize_command("a.yaml:1:2: ::x") == "a.yaml:1:2: ::x");
  CHECK(esc::neutralize_command(":x") == ":x");
}
