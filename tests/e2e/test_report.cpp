// `report --format json` against fixtures whose expected values were worked
// out by hand (tests/cases/analysis/*/README.md shows the working).
#include <filesystem>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Every key of an expected object must match; arrays match element by element
// in order; extra keys in the actual report are allowed (SPEC 5).
void expect_subset(const json& expected, const json& actual, const std::string& path) {
  if (expected.is_object()) {
    REQUIRE_MESSAGE(actual.is_object(), path);
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      REQUIRE_MESSAGE(actual.contains(it.key()), std::string(path + "." + it.key() + " is missing"));
      expect_subset(it.value(), actual[it.key()], path + "." + it.key());
    }
  } else if (expected.is_array()) {
    REQUIRE_MESSAGE(actual.is_array(), path);
    CHECK_MESSAGE(expected.size() == actual.size(),
                  path << ": expected " << expected.dump() << "\n got " << actual.dump());
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i)
      expect_subset(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
  } else {
    CHECK_MESSAGE(expected == actual, path << ": expected " << expected.dump() << ", got " << actual.dump());
  }
}

std::vector<std::string> split_args(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> args;
  for (std::string word; in >> word;) args.push_back(word);
  return args;
}

}  // namespace

TEST_CASE("report json matches every hand-computed analysis fixture") {
  std::vector<fs::path> fixtures;
  for (const auto& entry : fs::directory_iterator(e2e::source_path("tests/cases/analysis")))
    if (entry.is_directory()) fixtures.push_back(entry.path());
  std::sort(fixtures.begin(), fixtures.end());
  REQUIRE(fixtures.size() >= 9);
  for (const auto& dir : fixtures) {
    SUBCASE(dir.filename().string().c_str()) {
      std::vector<std::string> args = {"report", "--format", "json"};
      for (auto& a : split_args(e2e::read_file((dir / "args").string()))) args.push_back(a);
      args.push_back((dir / "cases").string());
      auto r = e2e::run(args);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      json actual = json::parse(r.out);
      CHECK(actual["schema"] == "esc-autopsy/report/v1");
      CHECK(actual["summary"]["skipped"] == 0);
      json expected = json::parse(e2e::read_file((dir / "expected.json").string()));
      for (auto it = expected.begin(); it != expected.end(); ++it) {
        std::string key = it.key();
        auto suffix = key.find("_without_title");
        if (suffix != std::string::npos) key = key.substr(0, suffix);
        REQUIRE_MESSAGE(actual.contains(key), key);
        expect_subset(it.value(), actual[key], dir.filename().string() + ":" + key);
      }
    }
  }
}

TEST_CASE("report json starts with the schema key and has every SPEC 5 key") {
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "examples/cases"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("{\n  \"schema\": \"esc-autopsy/report/v1\"", 0) == 0);
  json report = json::parse(r.out);
  for (const char* key : {"summary", "causes", "categories", "links", "chains", "pairs", "repeat_accounts", "loops",
                          "departments", "segments", "trend", "severity", "fixes"})
    CHECK_MESSAGE(report.contains(key), key);
}

TEST_CASE("report output is deterministic: two runs and -j1 vs -j2 give the same bytes") {
  std::vector<std::string> base = {"report", "--format", "json", "--as-of", "2025-06-30", "examples/cases"};
  auto first = e2e::run(base);
  auto second = e2e::run(base);
  std::vector<std::string> j1 = base, j2 = base;
  j1.insert(j1.begin(), {"-j", "1"});
  j2.insert(j2.begin(), {"-j", "2"});
  auto one = e2e::run(j1);
  auto two = e2e::run(j2);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == second.out);
  CHECK(first.out == one.out);
  CHECK(first.out == two.out);
  auto text1 = e2e::run({"-j", "1", "report", "--as-of", "2025-06-30", "examples/cases"});
  auto text2 = e2e::run({"-j", "2", "report", "--as-of", "2025-06-30", "examples/cases"});
  CHECK(text1.out == text2.out);
}

TEST_CASE("report filters narrow the cases as documented") {
  auto count = [](std::vector<std::string> extra) {
    std::vector<std::string> args = {"report", "--format", "json", "--as-of", "2025-06-30"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("examples/cases");
    auto r = e2e::run(args);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out)["summary"]["cases"].get<int>();
  };
  int all = count({});
  CHECK(all == 21);
  int since = count({"--since", "2025-01-01"});
  int until = count({"--until", "2024-12-31"});
  CHECK(since > 0);
  CHECK(until > 0);
  CHECK(since + until == all);
  int enterprise = count({"--segment", "enterprise"});
  int mid = count({"--segment", "mid-market"});
  int both = count({"--segment", "enterprise", "--segment", "mid-market"});
  CHECK(enterprise > 0);
  CHECK(mid > 0);
  CHECK(both == enterprise + mid);
  CHECK(count({"--account", "ACME123"}) == 3);
  CHECK(count({"--account", "ACME123", "--since", "2025-01-01"}) == 1);
  CHECK(count({"--tag", "no-such-tag"}) == 0);
}

TEST_CASE("a filter takes one value per occurrence, so paths may follow it") {
  // `--tag churn a b` used to take `a` for a second tag and analyse only `b`.
  auto report = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"report", "--format", "json", "--as-of", "2025-06-30"});
    auto r = e2e::run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  };
  const std::string more = "tests/cases/analysis/third-strike/cases";
  for (const char* option : {"--tag", "--segment", "--account", "--cause"}) {
    CAPTURE(option);
    const char* value = std::string(option) == "--tag"       ? "churn"
                        : std::string(option) == "--segment" ? "enterprise"
                        : std::string(option) == "--account" ? "ACME123"
                                                             : "bad-sale";
    json before = report({option, value, "examples/cases", more});
    json after = report({"examples/cases", more, option, value});
    CHECK(before["options"] == after["options"]);
    CHECK(before["summary"] == after["summary"]);
    CHECK(after["summary"]["cases"].get<int>() > 0);
  }
  json both = report({"--tag", "churn", "--tag", "smb", "examples/cases"});
  CHECK(both["options"]["tags"] == json::array({"churn", "smb"}));
}

TEST_CASE("report --cause keeps the cases citing a code, or any code under a category") {
  auto json_of = [](std::vector<std::string> extra) {
    std::vector<std::string> args = {"report", "--format", "json", "--as-of", "2025-06-30"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("examples/cases");
    auto r = e2e::run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  };
  json all = json_of({});
  auto cases_of = [](const json& list, const std::string& code) {
    for (const auto& entry : list)
      if (entry["code"] == code) return entry["cases"].get<int>();
    return -1;
  };
  json category = json_of({"--cause", "bad-sale"});
  CHECK(category["summary"]["cases"].get<int>() == cases_of(all["categories"], "bad-sale"));
  CHECK(category["options"]["causes"] == json::array({"bad-sale"}));
  json leaf = json_of({"--cause", "product-flaw.defect"});
  CHECK(leaf["summary"]["cases"].get<int>() == cases_of(all["causes"], "product-flaw.defect"));
  json both = json_of({"--cause", "product-flaw.defect", "--cause", "bad-sale"});
  CHECK(both["summary"]["cases"].get<int>() > category["summary"]["cases"].get<int>());
  auto typo = e2e::run({"report", "--cause", "product-flaw.defekt", "examples/cases"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean `product-flaw.defect`?") != std::string::npos);
  auto graph = e2e::run({"graph", "--format", "json", "--cause", "missed-signals", "examples/cases"});
  auto whole = e2e::run({"graph", "--format", "json", "examples/cases"});
  REQUIRE(graph.exit_code == 0);
  json nodes = json::parse(graph.out)["nodes"];
  CHECK(nodes.size() < json::parse(whole.out)["nodes"].size());
  int signals = 0;
  for (const auto& node : nodes) signals += node["category"] == "missed-signals" ? 1 : 0;
  CHECK(signals > 0);
}

TEST_CASE("report leaves out cases with errors, counts them and points to validate") {
  std::string dir = e2e::temp_dir();
  fs::copy(e2e::source_path("examples/cases"), dir + "/cases", fs::copy_options::recursive);
  e2e::write_file(dir + "/cases/broken.yaml",
                  "id: BROKEN-1\ntitle: t\naccount: {id: X1}\nopened: 2024-01-01\ncauses: [{code: no-such.code}]\n");
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", dir + "/cases"});
  REQUIRE(r.exit_code == 0);
  json report = json::parse(r.out);
  CHECK(report["summary"]["cases"] == 21);
  CHECK(report["summary"]["skipped"] == 1);
  CHECK(r.err.find("esc-autopsy validate") != std::string::npos);
}

TEST_CASE("report -o writes a file atomically and refuses to overwrite without --force") {
  std::string dir = e2e::temp_dir();
  std::string path = dir + "/report.json";
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "-o", path, "examples/cases"});
  REQUIRE(r.exit_code == 0);
  std::string first = e2e::read_file(path);
  CHECK(first.find("esc-autopsy/report/v1") != std::string::npos);
  e2e::write_file(path, "precious");
  auto refused = e2e::run({"report", "--format", "json", "-o", path, "examples/cases"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(e2e::read_file(path) == "precious");
  auto forced =
      e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "-o", path, "--force", "examples/cases"});
  CHECK(forced.exit_code == 0);
  CHECK(e2e::read_file(path) == first);
}

TEST_CASE("report rejects a bad date option with exit 2") {
  auto r = e2e::run({"report", "--since", "2024-13-01", "examples/cases"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--since") != std::string::npos);
}

TEST_CASE("report json has the extra keys the people-facing reports use") {
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "examples/cases"});
  REQUIRE(r.exit_code == 0);
  json report = json::parse(r.out);
  const json& acme = report["repeat_accounts"][0];
  CHECK(acme["account"] == "ACME123");
  REQUIRE(acme["escalations"].size() == 3);
  CHECK(acme["escalations"][0]["id"] == "ESC-2023-0007");
  CHECK(acme["escalations"][2]["opened"] == "2025-02-24");
  CHECK(acme["escalations"][2]["closed"].is_null());
  CHECK(report["accounts"].size() == report["summary"]["accounts"]);
  CHECK(report["accounts"][0]["id"] == "ACME123");
  CHECK(report["accounts"][0]["open_cases"] == 1);
  int rated = 0;
  for (const auto& row : report["severity"]["matrix"])
    for (const auto& n : row) rated += n.get<int>();
  CHECK(rated == report["severity"]["rated"]);
  for (const auto& fix : report["fixes"]) CHECK(fix["recurrences"].size() == fix["cases_after"]);
}
