// validate's machine formats, each read by a real consumer: SARIF and JSON by
// a JSON parser, JUnit by xmllint, GitHub workflow commands line by line.
#include <regex>
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"
#include "tools.hpp"

using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;
}

json diagnostics_json(const std::string& path) {
  auto r = e2e::run({"validate", "--format", "json", path});
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("sarif: a SARIF 2.1.0 log that code scanning accepts") {
  auto r = e2e::run({"validate", "--format", "sarif", "examples/broken"});
  CHECK(r.exit_code == 1);
  json sarif = json::parse(r.out);
  CHECK(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(sarif["version"] == "2.1.0");
  REQUIRE(sarif["runs"].size() == 1);
  const json& run = sarif["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "esc-autopsy");
  CHECK(driver["version"].get<std::string>().rfind("0.", 0) == 0);
  CHECK(driver["informationUri"].get<std::string>().rfind("https://", 0) == 0);
  std::set<std::string> rule_ids;
  for (const auto& rule : driver["rules"]) {
    rule_ids.insert(rule["id"].get<std::string>());
    CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
    std::string level = rule["defaultConfiguration"]["level"];
    CHECK((level == "error" || level == "warning"));
  }
  for (const char* id : {"yaml-syntax", "unknown-cause", "duplicate-id", "causal-cycle", "input-limit", "unknown-key",
                         "owner-absent", "deprecated-code", "unused-suppression", "bad-suppression"})
    CHECK_MESSAGE(rule_ids.count(id), id);

  json plain = diagnostics_json("examples/broken");
  REQUIRE(run["results"].size() == plain["diagnostics"].size());
  for (std::size_t i = 0; i < run["results"].size(); ++i) {
    const json& result = run["results"][i];
    const json& expected = plain["diagnostics"][i];
    CHECK(rule_ids.count(result["ruleId"].get<std::string>()));
    CHECK(result["ruleId"] == expected["rule"]);
    CHECK(result["level"] == expected["severity"]);
    CHECK(result["message"]["text"].get<std::string>().find(expected["message"].get<std::string>()) == 0);
    const json& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == expected["file"]);
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(location["region"]["startLine"] == expected["line"]);
    CHECK(location["region"]["startColumn"] == expected["column"]);
  }
  CHECK(r.err.find("14 errors and 7 warnings in 23 files") != std::string::npos);
}

TEST_CASE("sarif: paths are relative to the working directory with forward slashes") {
  auto r = e2e::run({"validate", "--format", "sarif", e2e::source_path("examples/broken/unknown-key.yaml")});
  json sarif = json::parse(r.out);
  const json& location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "examples/broken/unknown-key.yaml");
  CHECK(location["region"]["startLine"] == 11);
  CHECK(location["region"]["startColumn"] == 1);
  std::string root = sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  CHECK(root.rfind("file:///", 0) == 0);
  CHECK(root.back() == '/');
}

TEST_CASE("junit: valid against junit-10.xsd, a suite per file and a test case per finding") {
  if (!e2e::have_tool("xmllint")) {
    MESSAGE("xmllint (libxml2-utils) is not installed; skipped");
    return;
  }
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({"validate", "--format", "junit", "examples/broken"});
  CHECK(r.exit_code == 1);
  e2e::write_file(dir + "/junit.xml", r.out);
  std::string file = e2e::shell_quote(dir + "/junit.xml");
  std::string schema = e2e::shell_quote(e2e::source_path("tests/junit-10-subset.xsd"));
  auto valid = e2e::run_shell("xmllint --noout --schema " + schema + " " + file);
  INFO(valid.out);
  CHECK(valid.exit_code == 0);
  auto count = [&](const std::string& xpath) {
    std::string out = e2e::run_shell("xmllint --xpath " + e2e::shell_quote(xpath) + " " + file).out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  };
  CHECK(count("count(/testsuites/testsuite)") == "23");
  CHECK(count("count(/testsuites/@skipped)") == "0");
  CHECK(count("count(//testcase/@file)") == "0");
  CHECK(count("count(//testcase[failure])") == "14");
  CHECK(count("count(//testcase[count(failure) > 1])") == "0");  // readers show only the first
  CHECK(count("count(//testcase[system-out])") == "7");
  CHECK(count("count(//testcase)") == count("number(/testsuites/@tests)"));
  CHECK(count("string(/testsuites/@failures)") == "14");
  const std::string no_actions = "//testsuite[@name='examples/broken/no-actions.yaml']";
  CHECK(count("string(" + no_actions + "/@file)") == "examples/broken/no-actions.yaml");
  CHECK(count("string(" + no_actions + "/testcase/@classname)") == "examples/broken/no-actions.yaml");
  CHECK(count("string(" + no_actions + "/testcase/@name)") == "no-actions at 10:9");
  CHECK(r.err.find("14 errors and 7 warnings") != std::string::npos);

  auto strict = e2e::run({"validate", "--format", "junit", "--strict", "examples/broken"});
  e2e::write_file(dir + "/strict.xml", strict.out);
  file = e2e::shell_quote(dir + "/strict.xml");
  CHECK(e2e::run_shell("xmllint --noout --schema " + schema + " " + file).exit_code == 0);
  CHECK(count("count(//failure)") == "21");
  CHECK(count("count(//system-out)") == "0");

  // Ignored files are skipped test cases, and the schema also holds for the valid examples.
  auto clean = e2e::run({"validate", "--format", "junit", "examples/cases"});
  e2e::write_file(dir + "/clean.xml", clean.out);
  file = e2e::shell_quote(dir + "/clean.xml");
  CHECK(e2e::run_shell("xmllint --noout --schema " + schema + " " + file).exit_code == 0);
  CHECK(count("count(//testcase[@name='valid'])") == "20");
}

TEST_CASE("junit: markup and odd bytes in messages and names stay well-formed") {
  if (!e2e::have_tool("xmllint")) {
    MESSAGE("xmllint (libxml2-utils) is not installed; skipped");
    return;
  }
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/a&b <c>.yaml",
                  "id: X-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\n"
                  "\"<b>&x\": ']]>'\ncauses: [{code: \"</failure>\"}]\n");
  e2e::write_file(dir + "/bad.yaml", "id: X-2\ntitle: caf\xE9\n");
  auto r = e2e::run({"validate", "--format", "junit", dir});
  e2e::write_file(dir + "/out.xml", r.out);
  auto lint =
      e2e::run_shell("xmllint --noout --schema " + e2e::shell_quote(e2e::source_path("tests/junit-10-subset.xsd")) +
                     " " + e2e::shell_quote(dir + "/out.xml"));
  INFO(lint.out);
  INFO(r.out);
  CHECK(lint.exit_code == 0);
  CHECK(r.out.find("&lt;/failure&gt;") != std::string::npos);
}

TEST_CASE("github: workflow commands with file, line, col and title") {
  auto r =
      e2e::run({"validate", "--format", "github", "examples/broken/unknown-key.yaml", "examples/broken/bad-date.yaml"});
  CHECK(r.exit_code == 1);
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "::error file=examples/broken/bad-date.yaml,line=9,col=9,title=bad-date::`opened` is not a date: "
        "`2024-02-30`; 2024-02-30 does not exist: February 2024 has 29 days");
  CHECK(lines[1] ==
        "::warning file=examples/broken/unknown-key.yaml,line=11,col=1,title=unknown-key::unknown key `sumery`; "
        "did you mean `summary`?");
  CHECK(r.err == "1 error and 1 warning in 2 files (2 cases)\n");
}

TEST_CASE("github: chosen automatically when GITHUB_ACTIONS=true and no format is given") {
  auto r = e2e::run({"validate", "examples/broken/unknown-key.yaml"}, "", "", {"GITHUB_ACTIONS=true"});
  CHECK(r.out.rfind("::warning file=examples/broken/unknown-key.yaml,line=11,col=1,title=unknown-key::", 0) == 0);
  CHECK(r.err.find("1 warning") != std::string::npos);
  auto text =
      e2e::run({"validate", "--format", "text", "examples/broken/unknown-key.yaml"}, "", "", {"GITHUB_ACTIONS=true"});
  CHECK(text.out.rfind("examples/broken/unknown-key.yaml:11:1: warning:", 0) == 0);
  auto outside = e2e::run({"validate", "examples/broken/unknown-key.yaml"}, "", "", {"GITHUB_ACTIONS=false"});
  CHECK(outside.out.rfind("examples/broken/unknown-key.yaml:11:1: warning:", 0) == 0);
}

TEST_CASE("github: paths relative to GITHUB_WORKSPACE, data and properties escaped") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/cases/a,b:c%.yaml", "id: X-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\nodd%key: 1\n");
  auto r = e2e::run({"validate", "--format", "github", dir + "/cases"}, "", "", {"GITHUB_WORKSPACE=" + dir});
  CHECK(r.out ==
        "::warning file=cases/a%2Cb%3Ac%25.yaml,line=1,col=5,title=autopsy-pending::"
        "open case without causes: the autopsy is still to be done; run `esc-autopsy review` on this file\n"
        "::warning file=cases/a%2Cb%3Ac%25.yaml,line=5,col=1,title=unknown-key::unknown key `odd%25key`\n");
}

TEST_CASE("--fail-on decides the exit status - --strict is --fail-on warning") {
  const std::string warnings_only = "examples/broken/no-actions.yaml";
  CHECK(e2e::run({"validate", warnings_only}).exit_code == 0);
  CHECK(e2e::run({"validate", "--fail-on", "error", warnings_only}).exit_code == 0);
  CHECK(e2e::run({"validate", "--fail-on", "warning", warnings_only}).exit_code == 1);
  CHECK(e2e::run({"validate", "--strict", warnings_only}).exit_code == 1);
  CHECK(e2e::run({"validate", "--fail-on", "never", "examples/broken"}).exit_code == 0);
  CHECK(e2e::run({"validate", "--fail-on", "never", "no/such/path"}).exit_code == 2);
  CHECK(e2e::run({"validate", "--fail-on", "sometimes", warnings_only}).exit_code == 2);
  CHECK(e2e::run({"validate", "--strict", "--fail-on", "never", warnings_only}).exit_code == 2);
}

TEST_CASE("every machine format keeps stdout clean and puts one summary line on stderr") {
  for (const char* format : {"json", "sarif", "junit", "github"}) {
    CAPTURE(format);
    auto r = e2e::run({"validate", "--format", format, "examples/cases"});
    CHECK(r.exit_code == 0);
    CHECK(r.err == "ok: 20 files (21 cases), no problems found\n");
    if (std::string(format) == "json" || std::string(format) == "sarif") CHECK(json::accept(r.out));
    if (std::string(format) == "github") CHECK(r.out.empty());
    auto quiet = e2e::run({"-q", "validate", "--format", format, "examples/cases"});
    CHECK(quiet.err.empty());
  }
  json plain = json::parse(e2e::run({"validate", "--format", "json", "examples/cases"}).out);
  CHECK(plain["summary"]["suppressed"] == 0);
  CHECK(plain["summary"]["ignored"] == 0);
}

TEST_CASE("github: more than 10 annotations of a kind end with a notice giving the totals") {
  std::string dir = e2e::temp_dir();
  std::string many = "id: X-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\noutcome: at-risk\n";
  for (int i = 0; i < 11; ++i) many += "extra" + std::to_string(i) + ": 1\n";  // 11 unknown-key warnings
  e2e::write_file(dir + "/many.yaml", many);
  auto r = e2e::run({"validate", "--format", "github", "many.yaml"}, "", dir);
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 13);  // autopsy-pending, 11 unknown keys, the notice
  CHECK(lines.back() ==
        "::notice title=esc-autopsy::0 errors and 12 warnings found; GitHub shows at most 10 annotations of each "
        "kind per step: the job log lists them all, and `validate --format sarif` uploaded to code scanning shows "
        "each one on its file");
  e2e::write_file(dir + "/few.yaml", "id: X-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\nextra: 1\n");
  auto few = e2e::run({"validate", "--format", "github", "few.yaml"}, "", dir);
  CHECK(few.out.find("::notice") == std::string::npos);
}

TEST_CASE("sarif: GITHUB_WORKSPACE is the base, stdin has a usable URI, rules have helpUri, results fingerprints") {
  std::string dir = e2e::temp_dir();
  std::string text = "id: X-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\nsumery: x\n";
  e2e::write_file(dir + "/cases/a.yaml", text);
  auto r = e2e::run({"validate", "--format", "sarif", dir + "/cases"}, "", "", {"GITHUB_WORKSPACE=" + dir});
  json sarif = json::parse(r.out);
  const json& run = sarif["runs"][0];
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + dir + "/");
  REQUIRE(run["results"].size() == 2);
  const json& location = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(location["uri"] == "cases/a.yaml");
  CHECK(location["uriBaseId"] == "%SRCROOT%");
  for (const auto& rule : run["tool"]["driver"]["rules"]) CHECK(rule["helpUri"] == "man:esc-autopsy-validate(1)");
  std::string first = run["results"][0]["partialFingerprints"]["escAutopsyFinding/v1"];
  std::string second = run["results"][1]["partialFingerprints"]["escAutopsyFinding/v1"];
  CHECK(std::regex_match(first, std::regex("[0-9a-f]{16}:1")));
  CHECK(first != second);
  // The same finding two lines lower keeps its fingerprint.
  e2e::write_file(dir + "/cases/a.yaml", "# moved\n\n" + text);
  auto moved =
      json::parse(e2e::run({"validate", "--format", "sarif", dir + "/cases"}, "", "", {"GITHUB_WORKSPACE=" + dir}).out);
  CHECK(moved["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
  CHECK(moved["runs"][0]["results"][1]["partialFingerprints"]["escAutopsyFinding/v1"] == second);

  auto piped = e2e::run({"validate", "--format", "sarif", "-"}, text);
  json from_stdin = json::parse(piped.out);
  const json& artifact = from_stdin["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(artifact["uri"] == "stdin");
  CHECK_FALSE(artifact.contains("uriBaseId"));
}
