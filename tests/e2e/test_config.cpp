// The config file: discovery, precedence (command line > config > default),
// each key, and how a broken config is reported.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

using nlohmann::json;

namespace {

// A closed case without actions (no-actions) whose cause is confirmed
// without evidence (no-evidence): two warnings by default.
const char* k_case =
    "id: C-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\nclosed: 2024-02-01\n"
    "causes:\n  - code: product-flaw.defect\n    confidence: confirmed\n";

std::string repo_with(const std::string& config) {
  std::string dir = e2e::temp_dir();
  if (!config.empty()) e2e::write_file(dir + "/.esc-autopsy.yaml", config);
  e2e::write_file(dir + "/cases/2024/c1.yaml", k_case);
  return dir;
}

}  // namespace

TEST_CASE("the config is found upward from the working directory") {
  std::string dir = repo_with("rules:\n  no-actions: off\n  no-evidence: error\n");
  auto r = e2e::run({"validate", "c1.yaml"}, "", dir + "/cases/2024");
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("[no-actions]") == std::string::npos);
  CHECK(r.out.find("c1.yaml:7:11: error: cause `product-flaw.defect` is confirmed but has no evidence") !=
        std::string::npos);
  auto none = e2e::run({"validate", dir + "/cases"}, "", e2e::temp_dir());
  CHECK(none.exit_code == 0);
  CHECK(none.out.find("[no-actions]") != std::string::npos);
}

TEST_CASE("--config names the file explicitly and wins over discovery") {
  std::string dir = repo_with("rules: {no-actions: error}\n");
  e2e::write_file(dir + "/other.yaml", "rules: {no-actions: off, no-evidence: off}\n");
  auto r = e2e::run({"--config", dir + "/other.yaml", "validate", "cases"}, "", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("no problems found") != std::string::npos);
  auto missing = e2e::run({"--config", dir + "/nope.yaml", "validate", "cases"}, "", dir);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.yaml") != std::string::npos);
}

TEST_CASE("format: command line > config > GITHUB_ACTIONS > text") {
  std::string dir = repo_with("format: json\n");
  auto from_config = e2e::run({"validate", "cases"}, "", dir, {"GITHUB_ACTIONS=true"});
  CHECK(json::accept(from_config.out));
  auto from_option = e2e::run({"validate", "--format", "github", "cases"}, "", dir);
  CHECK(from_option.out.rfind("::warning file=cases/2024/c1.yaml,", 0) == 0);
  std::string automatic = repo_with("format: auto\n");
  CHECK(e2e::run({"validate", "cases"}, "", automatic, {"GITHUB_ACTIONS=true"}).out.rfind("::warning", 0) == 0);
  CHECK(e2e::run({"validate", "cases"}, "", automatic).out.rfind("cases/2024/c1.yaml:", 0) == 0);
}

TEST_CASE("fail-on in the config, overridden by --fail-on and --strict") {
  std::string dir = repo_with("fail-on: warning\n");
  CHECK(e2e::run({"validate", "cases"}, "", dir).exit_code == 1);
  CHECK(e2e::run({"validate", "--fail-on", "error", "cases"}, "", dir).exit_code == 0);
  std::string never = repo_with("fail-on: never\n");
  CHECK(e2e::run({"validate", "--strict", "cases"}, "", never).exit_code == 1);
}

TEST_CASE("taxonomy: relative to the config's folder - --taxonomy wins") {
  std::string dir = repo_with("taxonomy: tax/ours.yaml\n");
  e2e::write_file(dir + "/tax/ours.yaml",
                  "version: 1\ndepartments: [{id: eng, title: Engineering}]\n"
                  "causes:\n  - {code: flaky, title: Flaky product, owner: eng}\n");
  auto r = e2e::run({"validate", "c1.yaml"}, "", dir + "/cases/2024");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("unknown cause code `product-flaw.defect`") != std::string::npos);
  auto schema = json::parse(e2e::run({"schema"}, "", dir + "/cases").out);
  CHECK(schema["definitions"]["causeCode"]["enum"] == json::array({"flaky"}));
  auto builtin = e2e::run({"--taxonomy", e2e::source_path("templates/taxonomy.yaml"), "validate", "cases"}, "", dir);
  CHECK(builtin.exit_code == 0);
  std::string broken = repo_with("taxonomy: missing.yaml\n");
  auto bad = e2e::run({"validate", "cases"}, "", broken);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find(".esc-autopsy.yaml") != std::string::npos);
}

TEST_CASE("max-file-size and limits map onto the loader's limits - the option wins") {
  std::string dir = repo_with("max-file-size: 64\nlimits: {max-depth: 2, max-documents: 1}\n");
  auto small = e2e::run({"validate", "cases"}, "", dir);
  CHECK(small.exit_code == 1);
  CHECK(small.out.find("over the 0 KiB limit [input-limit]") != std::string::npos);
  auto depth = e2e::run({"--max-file-size", "1MiB", "validate", "cases"}, "", dir);
  CHECK(depth.out.find("nesting is deeper than 2 levels") != std::string::npos);
  std::string many = repo_with("limits: {max-documents: 1}\n");
  e2e::write_file(many + "/two.yaml", std::string(k_case) + "---\n" + k_case);
  auto documents = e2e::run({"validate", "two.yaml"}, "", many);
  CHECK(documents.out.find("more than 1 documents") != std::string::npos);
}

TEST_CASE("ignore: matching files are skipped, and the skip is counted, not silent") {
  std::string dir = repo_with("ignore: [drafts/, \"*.tmpl.yaml\"]\n");
  e2e::write_file(dir + "/cases/drafts/d.yaml", "not: [valid\n");
  e2e::write_file(dir + "/cases/new.tmpl.yaml", "id: [\n");
  auto r = e2e::run({"validate", "cases", "cases/new.tmpl.yaml"}, "", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1 file (1 case), 2 files ignored by the config") != std::string::npos);
  auto j = json::parse(e2e::run({"validate", "--format", "json", "cases"}, "", dir).out);
  CHECK(j["summary"]["ignored"] == 2);
  auto junit = e2e::run({"validate", "--format", "junit", "cases"}, "", dir);
  CHECK(junit.out.find("<testcase classname=\"cases/drafts/d.yaml\" name=\"ignored\">\n      <skipped") !=
        std::string::npos);
}

TEST_CASE("unknown config keys are warnings with did-you-mean, shown with the findings") {
  std::string dir = repo_with("rulezz: {}\nrules:\n  no-actionz: off\n");
  auto r = e2e::run({"validate", "cases"}, "", dir);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(".esc-autopsy.yaml:1:1: warning: unknown key `rulezz` [unknown-key]") != std::string::npos);
  CHECK(r.out.find(".esc-autopsy.yaml:3:3: warning: unknown rule `no-actionz` [unknown-key]") != std::string::npos);
  CHECK(r.out.find("did you mean `no-actions`?") != std::string::npos);
  CHECK(e2e::run({"validate", "--strict", "cases"}, "", dir).exit_code == 1);
}

TEST_CASE("a broken config file is reported like a case file, and the exit status is 2") {
  std::string dir = repo_with("format: xml\nrules:\n  no-actions: of\n");
  auto r = e2e::run({"validate", "cases"}, "", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(".esc-autopsy.yaml:1:9: error: `format` must be one of") != std::string::npos);
  CHECK(r.err.find(".esc-autopsy.yaml:3:15: error: the severity of `no-actions`") != std::string::npos);
  CHECK(r.err.find("did you mean `off`?") != std::string::npos);
  CHECK(r.err.find("the config file") != std::string::npos);
  std::string syntax = repo_with("rules: [\n");
  CHECK(e2e::run({"report", "cases"}, "", syntax).exit_code == 2);
}

TEST_CASE("report honours the config's rule severities") {
  std::string dir = repo_with("rules: {no-evidence: error}\n");
  auto r = e2e::run({"report", "--format", "json", "cases"}, "", dir);
  CHECK(r.exit_code == 0);
  CHECK(json::parse(r.out)["summary"]["skipped"] == 1);
  std::string plain = repo_with("");
  CHECK(json::parse(e2e::run({"report", "--format", "json", "cases"}, "", plain).out)["summary"]["skipped"] == 0);
}

TEST_CASE("io-error cannot be configured: a missing path always exits 2") {
  for (const char* severity : {"off", "warning"}) {
    CAPTURE(severity);
    std::string dir = repo_with(std::string("rules: {io-error: ") + severity + "}\n");
    auto r = e2e::run({"validate", "cases", "missing.yaml"}, "", dir);
    INFO(r.out, r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("`io-error` cannot be set to") != std::string::npos);
  }
  // Stating the default is harmless, and the missing path still fails the run.
  std::string dir = repo_with("rules: {io-error: error}\n");
  auto r = e2e::run({"validate", "cases", "missing.yaml"}, "", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("missing.yaml: error: cannot read") != std::string::npos);
}

TEST_CASE("a config key one slip from a real one is an error, not a setting silently lost") {
  std::string dir = repo_with("rulez: {no-actions: off}\n");
  auto r = e2e::run({"validate", "cases"}, "", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(".esc-autopsy.yaml:1:1: error: unknown key `rulez`: a misspelling of `rules`? [misspelled-key]") !=
        std::string::npos);
}
