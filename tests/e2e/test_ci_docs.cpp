// The CI documentation is part of the product: man pages render cleanly and
// name every rule, the README's config example is a valid config, and the
// pre-commit hook and GitHub Action files say what the README says.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"
#include "tools.hpp"

using nlohmann::json;

namespace {

// Roff spells a hyphen in a word as `\-`.
std::string roff(std::string text) {
  for (std::size_t at = 0; (at = text.find('-', at)) != std::string::npos; at += 2) text.insert(at, "\\");
  return text;
}

std::string block_after(const std::string& text, const std::string& marker) {
  std::size_t start = text.find(marker);
  if (start == std::string::npos) return {};
  std::size_t end = text.find("```", start);
  return text.substr(start, end - start);
}

}  // namespace

TEST_CASE("the man pages render without warnings") {
  if (!e2e::have_tool("man")) {
    MESSAGE("man (man-db) is not installed; skipped");
    return;
  }
  for (const char* page : {"man/esc-autopsy-validate.1", "man/esc-autopsy-schema.1"}) {
    CAPTURE(page);
    auto r = e2e::run_shell(std::string("MANWIDTH=80 man --warnings -l ") + page + " 2>&1 >/dev/null");
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    std::string text = e2e::read_file(e2e::source_path(page));
    for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH EXIT STATUS",
                                ".SH EXAMPLES", ".SH SEE ALSO"})
      CHECK_MESSAGE(text.find(section) != std::string::npos, section);
  }
}

TEST_CASE("the validate man page names every rule, format and config key") {
  std::string page = e2e::read_file(e2e::source_path("man/esc-autopsy-validate.1"));
  json sarif = json::parse(e2e::run({"validate", "--format", "sarif", "examples/cases"}).out);
  for (const auto& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) {
    std::string id = rule["id"];
    CHECK_MESSAGE(page.find(".B " + roff(id) + "\n") != std::string::npos, id);
  }
  for (const char* word : {"text", "json", "github", "junit", "sarif", "auto"})
    CHECK_MESSAGE(page.find(std::string(".B ") + word + "\n") != std::string::npos, word);
  for (const char* key : {"taxonomy:", "rules:", "format:", "fail-on:", "max-file-size:", "ignore:", "limits:"})
    CHECK_MESSAGE(page.find(".BI " + roff(key)) != std::string::npos, key);
}

TEST_CASE("the README's config example is a valid config file") {
  std::string readme = e2e::read_file(e2e::source_path("README.md"));
  std::string config = block_after(readme, "# .esc-autopsy.yaml\n");
  REQUIRE_FALSE(config.empty());
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/.esc-autopsy.yaml", config);
  e2e::write_file(dir + "/taxonomy/ours.yaml", e2e::read_file(e2e::source_path("templates/taxonomy.yaml")));
  auto r = e2e::run({"validate", "--format", "json", e2e::source_path("examples/cases")}, "", dir);
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(json::parse(r.out)["diagnostics"].empty());
}

TEST_CASE("the README shows the editor, pre-commit and GitHub Action set-ups") {
  std::string readme = e2e::read_file(e2e::source_path("README.md"));
  for (const char* snippet :
       {"# yaml-language-server: $schema=", "\"yaml.schemas\"", ".vscode/settings.json", "- id: esc-autopsy",
        "uses: esc-autopsy/esc-autopsy@", "--format sarif", "upload-sarif", "--fail-on", "disable-file="})
    CHECK_MESSAGE(readme.find(snippet) != std::string::npos, snippet);
}

TEST_CASE("the pre-commit hook and the GitHub Action are well-formed and run validate") {
  std::string python = e2e::python_with("yaml");
  if (python.empty()) {
    MESSAGE("python3 with yaml (python3-yaml) is not installed; skipped");
    return;
  }
  const char* script = R"PY(
import json, sys, yaml
hooks = yaml.safe_load(open(".pre-commit-hooks.yaml"))
action = yaml.safe_load(open("action.yml"))
print(json.dumps({"hooks": hooks, "action": action}))
)PY";
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/read.py", script);
  auto r = e2e::run_shell(python + " " + e2e::shell_quote(dir + "/read.py"));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  json files = json::parse(r.out);
  const json& hook = files["hooks"][0];
  CHECK(hook["id"] == "esc-autopsy");
  CHECK(hook["entry"] == "esc-autopsy validate");
  CHECK(hook["language"] == "system");
  CHECK(hook["files"] == "^cases/.*\\.ya?ml$");
  const json& action = files["action"];
  CHECK(action["runs"]["using"] == "composite");
  for (const char* input : {"paths", "fail-on", "config", "args"}) CHECK(action["inputs"].contains(input));
  std::string steps;
  for (const auto& step : action["runs"]["steps"]) {
    CHECK(step["shell"] == "bash");
    steps += step["run"].get<std::string>();
  }
  CHECK(steps.find("apt-get install") != std::string::npos);
  CHECK(steps.find("cmake --build") != std::string::npos);
  CHECK(steps.find("validate --format github") != std::string::npos);
  std::string makefile = e2e::read_file(e2e::source_path("Makefile"));
  for (const char* package :
       {"libyaml-dev", "libcli11-dev", "libfmt-dev", "libboost-graph-dev", "nlohmann-json3-dev", "libmstch-dev"}) {
    CHECK_MESSAGE(steps.find(package) != std::string::npos, package);
    CHECK_MESSAGE(makefile.find(package) != std::string::npos, package);
  }
}

TEST_CASE("make demo builds only the binary and make deps installs the tools the skipped tests need") {
  std::string makefile = e2e::read_file(e2e::source_path("Makefile"));
  std::size_t demo = makefile.find("\ndemo:");
  REQUIRE(demo != std::string::npos);
  std::string demo_rule = makefile.substr(demo, makefile.find("\n\n", demo) - demo);
  CHECK(demo_rule.find("demo: deps") != std::string::npos);  // not `demo: build`, which compiles the tests
  CHECK(demo_rule.find("--target esc-autopsy") != std::string::npos);
  std::size_t tools = makefile.find("TEST_TOOLS =");
  REQUIRE(tools != std::string::npos);
  std::string tools_line = makefile.substr(tools, makefile.find('\n', tools) - tools);
  for (const char* package : {"chromium", "graphviz", "python3-networkx"})
    CHECK_MESSAGE(tools_line.find(package) != std::string::npos, package);
  CHECK(makefile.find("$(DEBIAN_PACKAGES) $(TEST_TOOLS)") != std::string::npos);
}
