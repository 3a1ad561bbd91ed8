// A renamed taxonomy code keeps old case files valid: citing the alias is a
// `deprecated-code` warning naming the new code, and reports count it under
// the new code.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace {

// The built-in taxonomy with `product-flaw.defect` renamed from `product-flaw.bug`.
std::string aliased_taxonomy() {
  std::string text = e2e::read_file(e2e::source_path("templates/taxonomy.yaml"));
  std::string anchor = "        title: Reproducible defect\n";
  text.replace(text.find(anchor), anchor.size(), anchor + "        aliases: [product-flaw.bug]\n");
  return text;
}

std::string a_case(const std::string& id, const std::string& account, const std::string& causes) {
  return "id: " + id + "\ntitle: T\naccount: {id: " + account +
         ", arr: 1000}\nopened: 2024-03-01\n"
         "closed: 2024-04-01\noutcome: retained\ncauses:\n" +
         causes + "actions:\n  - {action: Fix, owner: engineering, status: done}\n";
}

struct Fixture {
  std::string dir = e2e::temp_dir();
  Fixture() {
    e2e::write_file(dir + "/taxonomy.yaml", aliased_taxonomy());
    e2e::write_file(dir + "/cases/old.yaml",
                    a_case("OLD-1", "ACC-1",
                           "  - code: bad-sale.wrong-solution\n"
                           "  - code: product-flaw.bug\n    caused_by: [bad-sale.wrong-solution]\n"));
    e2e::write_file(dir + "/cases/new.yaml",
                    a_case("NEW-1", "ACC-2",
                           "  - code: bad-sale.wrong-solution\n"
                           "  - code: product-flaw.defect\n    caused_by: [bad-sale.wrong-solution]\n"));
  }
};

}  // namespace

TEST_CASE("citing an alias is a deprecated-code warning that names the new code") {
  Fixture f;
  auto r = e2e::run({"--taxonomy", "taxonomy.yaml", "validate", "cases"}, "", f.dir);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("cases/old.yaml:9:11: warning: `product-flaw.bug` is a deprecated code; it now is "
                   "`product-flaw.defect` [deprecated-code]") != std::string::npos);
  CHECK(r.out.find("= help: write `product-flaw.defect`") != std::string::npos);
  CHECK(r.out.find("0 errors and 1 warning") != std::string::npos);
  CHECK(e2e::run({"--taxonomy", "taxonomy.yaml", "validate", "--strict", "cases"}, "", f.dir).exit_code == 1);
  CHECK(e2e::run({"validate", "cases"}, "", f.dir).exit_code == 1);  // without the alias it is unknown
}

TEST_CASE("reports count an alias under its new code, links and categories included") {
  Fixture f;
  auto r = e2e::run({"--taxonomy", "taxonomy.yaml", "report", "--format", "json", "cases"}, "", f.dir);
  REQUIRE(r.exit_code == 0);
  auto report = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& cause : report["causes"]) {
    CHECK(cause["code"] != "product-flaw.bug");
    if (cause["code"] == "product-flaw.defect") {
      found = true;
      CHECK(cause["cases"] == 2);
      CHECK(cause["accounts"] == 2);
      CHECK(cause["arr"] == 2000);
    }
  }
  CHECK(found);
  REQUIRE(report["links"].size() == 1);
  CHECK(report["links"][0]["from"] == "bad-sale.wrong-solution");
  CHECK(report["links"][0]["to"] == "product-flaw.defect");
  CHECK(report["links"][0]["accounts"] == 2);
}

TEST_CASE("taxonomy show lists aliases, and review rewrites an alias to its new code") {
  Fixture f;
  auto tree = e2e::run({"--taxonomy", "taxonomy.yaml", "taxonomy"}, "", f.dir);
  CHECK(tree.out.find("formerly: product-flaw.bug") != std::string::npos);
  auto codes = e2e::run({"--taxonomy", "taxonomy.yaml", "taxonomy", "show", "-f", "codes"}, "", f.dir);
  CHECK(codes.out.find("product-flaw.bug") == std::string::npos);
  auto r = e2e::run({"--taxonomy", "taxonomy.yaml", "review", "cases/old.yaml", "--answers", "/dev/null"}, "", f.dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("~ change product-flaw.defect: renamed from deprecated `product-flaw.bug`") != std::string::npos);
  CHECK(e2e::read_file(f.dir + "/cases/old.yaml") ==
        a_case("OLD-1", "ACC-1",
               "  - code: bad-sale.wrong-solution\n"
               "  - code: product-flaw.defect\n    confidence: suspected\n    caused_by: [bad-sale.wrong-solution]\n"));
}
