// `taxonomy show` in every format and `taxonomy check`.
#include <set>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace {
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("taxonomy prints the tree with owners and questions, show is the default") {
  auto bare = e2e::run({"taxonomy"});
  auto show = e2e::run({"taxonomy", "show"});
  CHECK(bare.exit_code == 0);
  CHECK(bare.out == show.out);
  CHECK(bare.out.find("product-flaw  Product flaw  [engineering]\n    Did the product itself fail the customer?\n") !=
        std::string::npos);
  CHECK(bare.out.find("  product-flaw.provisioning  Cloud provisioning or operations failure  [cloud-ops]\n") !=
        std::string::npos);
  CHECK(bare.out.find("Departments: sales (Sales), revops (Revenue Operations)") != std::string::npos);
  CHECK(bare.out.find("\x1b[") == std::string::npos);
  auto colored = e2e::run({"--color", "always", "taxonomy"});
  CHECK(colored.out.find("\x1b[1mbad-sale  Bad sale\x1b[0m") != std::string::npos);
  CHECK(e2e::run({"taxonomy", "show", "-f", "svg"}).exit_code == 2);
}

TEST_CASE("taxonomy show --format codes lists every code of SPEC 3, one per line") {
  auto r = e2e::run({"taxonomy", "show", "--format", "codes"});
  std::vector<std::string> codes = lines(r.out);
  CHECK(codes.size() == 26);
  std::set<std::string> set(codes.begin(), codes.end());
  for (const char* code : {"bad-sale", "bad-sale.segment-mismatch", "product-flaw.complexity",
                           "missing-crm-context.no-visibility", "rushed-onboarding.services-scope",
                           "support-closure-incentives.reactive-triage", "missed-signals.ignored-feedback"})
    CHECK(set.count(code) == 1);
}

TEST_CASE("taxonomy show --format yaml prints the built-in source, json, markdown agree with it") {
  auto yaml = e2e::run({"taxonomy", "show", "-f", "yaml"});
  CHECK(yaml.out == e2e::read_file(e2e::source_path("templates/taxonomy.yaml")));
  auto json = nlohmann::json::parse(e2e::run({"taxonomy", "show", "-f", "json"}).out);
  CHECK(json["version"] == 1);
  CHECK(json["departments"].size() == 9);
  REQUIRE(json["causes"].size() == 6);
  CHECK(json["causes"][1]["code"] == "product-flaw");
  CHECK(json["causes"][1]["children"][2]["owner"] == "cloud-ops");
  CHECK(json["causes"][1]["children"][0]["owner"] == "engineering");
  auto markdown = e2e::run({"taxonomy", "show", "-f", "markdown"}).out;
  CHECK(count(markdown, "\n## ") == 6);
  CHECK(count(markdown, "| Code | Cause | Owner | Question |") == 6);
  CHECK(markdown.find("| `rushed-onboarding.services-scope` | Services poorly scoped or delivered | `services` |") !=
        std::string::npos);
}

TEST_CASE("a custom taxonomy dumps as canonical YAML that checks clean and reads back the same") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/custom.yaml",
                  "version: 1\ndepartments: [{id: ops, title: \"Ops: the team\"}, {id: cs, title: CS}]\n"
                  "causes:\n  - {code: late, title: Late, owner: ops, question: \"Was it late? Really\"}\n"
                  "  - code: wrong\n    title: Wrong\n    owner: cs\n    children:\n"
                  "      - {code: wrong.fit, title: Bad fit, aliases: [wrong.old]}\n"
                  "      - {code: wrong.ops, title: Ops error, owner: ops}\n");
  auto dump = e2e::run({"--taxonomy", "custom.yaml", "taxonomy", "show", "-f", "yaml"}, "", dir);
  REQUIRE(dump.exit_code == 0);
  CHECK(dump.out.find("  - {id: ops, title: \"Ops: the team\"}") != std::string::npos);
  CHECK(dump.out.find("      - code: wrong.fit\n        title: Bad fit\n        aliases: [wrong.old]\n") !=
        std::string::npos);
  e2e::write_file(dir + "/dump.yaml", dump.out);
  auto check = e2e::run({"taxonomy", "check", "dump.yaml"}, "", dir);
  CHECK(check.exit_code == 0);
  CHECK(check.out == "ok: dump.yaml: 2 departments, 4 causes, no problems found\n");
  CHECK(e2e::run({"--taxonomy", "dump.yaml", "taxonomy", "show", "-f", "json"}, "", dir).out ==
        e2e::run({"--taxonomy", "custom.yaml", "taxonomy", "show", "-f", "json"}, "", dir).out);
}

TEST_CASE("taxonomy check reports problems like validate and exits 0, 1 or 2") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/bad.yaml",
                  "version: 1\ndepartments:\n  - {id: sales, title: Sales}\ncauses:\n  - code: bad-sale\n"
                  "    title: Bad sale\n    owner: sale\n    colour: red\n    children:\n"
                  "      - code: other.child\n        title: X\n");
  auto bad = e2e::run({"taxonomy", "check", "bad.yaml"}, "", dir);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("bad.yaml:7:12: error: unknown department `sale` [unknown-department]") != std::string::npos);
  CHECK(bad.out.find("= help: did you mean `sales`?") != std::string::npos);
  CHECK(bad.out.find("bad.yaml:8:5: warning: unknown key `colour` [unknown-key]") != std::string::npos);
  CHECK(bad.out.find("bad.yaml:10:15: error: code `other.child` must start with its parent's code") !=
        std::string::npos);
  auto json = nlohmann::json::parse(e2e::run({"taxonomy", "check", "--format", "json", "bad.yaml"}, "", dir).out);
  CHECK(json["summary"]["errors"] == 2);
  CHECK(e2e::run({"taxonomy", "check", "missing.yaml"}, "", dir).exit_code == 2);
  e2e::write_file(dir + "/warn.yaml",
                  "version: 1\ndepartments: [{id: a, title: A}]\ncauses:\n"
                  "  - {code: x, title: X, owner: a, note: hi}\n");
  CHECK(e2e::run({"taxonomy", "check", "warn.yaml"}, "", dir).exit_code == 0);
  CHECK(e2e::run({"taxonomy", "check", "--strict", "warn.yaml"}, "", dir).exit_code == 1);
  CHECK(e2e::run({"taxonomy", "check", e2e::source_path("templates/taxonomy.yaml")}).exit_code == 0);
  CHECK(e2e::run({"taxonomy", "check"}, "", dir).exit_code == 2);
}

TEST_CASE("taxonomy check rejects control characters in titles") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(
      dir + "/t.yaml",
      "version: 1\ndepartments: [{id: ops, title: \"Ops\\ttab\"}]\ncauses:\n"
      "  - {code: late, title: \"Late\\e[2J\", owner: ops}\n  - {code: ok, title: \"caf\u00e9\", owner: ops}\n");
  auto r = e2e::run({"taxonomy", "check", "t.yaml"}, "", dir);
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("t.yaml:2:32: error: the title of department `ops` holds the control character U+0009 "
                   "[bad-encoding]") != std::string::npos);
  CHECK(r.out.find("t.yaml:4:25: error: the title of cause `late` holds the control character U+001B") !=
        std::string::npos);
  CHECK(r.out.find("`ok`") == std::string::npos);
  CHECK(e2e::run({"--taxonomy", "t.yaml", "validate", "t.yaml"}, "", dir).exit_code == 2);
}
