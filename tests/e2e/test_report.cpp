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

namespace {

json report_of(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"report", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = e2e::run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json* finding(const json& report, const std::string& kind) {
  for (const auto& f : report["findings"])
    if (f["kind"] == kind) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("findings call a chain associated with churn only when the test says so") {
  json high = report_of({"--as-of", "2024-12-30", "tests/cases/analysis/churn-association/cases"});
  const json* chain = finding(high, "chain");
  REQUIRE(chain);
  std::string sentence = (*chain)["sentence"];
  CHECK(sentence.find("3 churned (50%), against 5% of the other accounts: the chain is associated with churn "
                      "(10.0x the churn rate, p = 0.012)") != std::string::npos);
  CHECK((*chain)["evidence"]["churn_p_value"] == high["chains"][0]["churn_p_value"]);
  CHECK((*chain)["strength"] == "moderate");
  json even = report_of({"--as-of", "2024-12-30", "tests/cases/analysis/churn-no-association/cases"});
  chain = finding(even, "chain");
  REQUIRE(chain);
  sentence = (*chain)["sentence"];
  CHECK(sentence.find("associated") == std::string::npos);
  CHECK(sentence.find("against 50% of the other accounts: no more churn than elsewhere (p = 0.667)") !=
        std::string::npos);
  CHECK((*chain)["strength"] == "weak");
}

TEST_CASE("fix findings follow the verdicts, and too-early fixes make none") {
  json r = report_of({"--as-of", "2024-12-30", "tests/cases/analysis/fix-verdicts/cases"});
  const json* held = finding(r, "fix-held");
  REQUIRE(held);
  CHECK((*held)["sentence"] ==
        "The fix for product-flaw.defect (done 2023-12-31) held: 4 cases in the 365 days after it against 40 in the "
        "365 days before, a 90% drop in the rate (rate ratio 0.10, 95% CI 0.03–0.28, p < 0.001).");
  const json* failed = finding(r, "failed-fix");
  REQUIRE(failed);
  std::string sentence = (*failed)["sentence"];
  CHECK(sentence.find("The fix for support-closure-incentives.workaround-closure (done 2023-12-31) did not "
                      "measurably hold: 8 cases in the 365 days after it against 8 in the 356 days before") == 0);
  for (const auto& f : r["findings"]) CHECK(f["sentence"].get<std::string>().find("usage-decline") == std::string::npos);
  CHECK(r["findings"].size() <= 5);
}

TEST_CASE("the summary splits ARR by standing, and the parts add up to the total") {
  json r = report_of({"--as-of", "2025-06-30", "examples/cases"});
  const json& s = r["summary"];
  double parts = s["arr_churned"].get<double>() + s["arr_downgraded"].get<double>() + s["arr_at_risk"].get<double>() +
                 s["arr_retained"].get<double>() + s["arr_unknown"].get<double>();
  CHECK(parts == doctest::Approx(s["arr_total"].get<double>()));
  double churned = 0;
  for (const auto& a : r["accounts"])
    if (a["outcome"] == "churned") churned += a["arr"].get<double>();
  CHECK(s["arr_churned"].get<double>() == churned);
  CHECK(r["watchlist"].size() > 0);
  for (const auto& w : r["watchlist"]) CHECK(w["reasons"].size() > 0);
}

TEST_CASE("cases after --as-of and unreadable files are counted, and --strict fails on them") {
  auto dir = e2e::temp_dir();
  e2e::write_file(dir + "/early.yaml",
                  "id: E-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\ncauses: [{code: product-flaw.defect}]\n");
  e2e::write_file(dir + "/late.yaml",
                  "id: E-2\ntitle: t\naccount: {id: A}\nopened: 2024-06-01\ncauses: [{code: product-flaw.defect}]\n");
  e2e::write_file(dir + "/broken.yaml", "id: [unclosed\n");
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2024-03-01", dir});
  REQUIRE(r.exit_code == 0);
  json report = json::parse(r.out);
  CHECK(report["summary"]["cases"] == 1);
  CHECK(report["summary"]["after_as_of"] == 1);
  CHECK(report["summary"]["unreadable_files"] == 1);
  auto text = e2e::run({"report", "--as-of", "2024-03-01", dir});
  CHECK(text.out.find("left out: 1 unreadable file and 1 case opened after --as-of") != std::string::npos);
  CHECK(e2e::run({"report", "--strict", "--as-of", "2024-03-01", dir}).exit_code == 1);
  CHECK(e2e::run({"report", "--strict", "--as-of", "2024-12-31", dir + "/early.yaml"}).exit_code == 0);
}

TEST_CASE("--since keeps an account's earlier escalations for its third strike") {
  auto all = report_of({"--as-of", "2025-06-30", "examples/cases"});
  auto recent = report_of({"--as-of", "2025-06-30", "--since", "2025-01-01", "examples/cases"});
  const json* acme_all = nullptr;
  for (const auto& a : all["repeat_accounts"])
    if (a["account"] == "ACME123") acme_all = &a;
  REQUIRE(acme_all);
  REQUIRE((*acme_all)["third_strike"] == true);
  // ACME123's cases open 2023-04-11, 2024-01-15 and 2025-02-24: one inside --since 2025-01-01.
  const json* acme = nullptr;
  for (const auto& a : recent["repeat_accounts"])
    if (a["account"] == "ACME123") acme = &a;
  REQUIRE(acme);
  CHECK((*acme)["cases"] == 3);
  CHECK((*acme)["cases"] == (*acme_all)["cases"]);
  CHECK((*acme)["third_strike"] == true);
  CHECK((*acme)["escalations"].size() == 3);
  CHECK((*acme)["escalations"][0]["opened"] == "2023-04-11");
  CHECK(recent["summary"]["cases"] < all["summary"]["cases"]);
}

TEST_CASE("the action tracker lists every open action, the most overdue first") {
  json r = report_of({"--as-of", "2025-06-30", "examples/cases"});
  REQUIRE(r["actions"].size() > 0);
  long previous = 1L << 40;
  std::size_t overdue = 0;
  for (const auto& a : r["actions"]) {
    long days = a["days_overdue"];
    if (days > 0) {
      CHECK(days <= previous);
      previous = days;
      ++overdue;
    }
  }
  std::size_t by_department = 0, open = 0;
  for (const auto& d : r["departments"]) {
    by_department += d["actions_overdue"].get<std::size_t>();
    open += d["actions_open"].get<std::size_t>();
  }
  CHECK(overdue == by_department);
  CHECK(r["actions"].size() == open);
  CHECK(r["actions"][0]["days_overdue"].get<long>() > 0);
}

TEST_CASE("-o takes the format from its extension and refuses a mismatch or a folder") {
  auto dir = e2e::temp_dir();
  auto md = e2e::run({"-q", "report", "--as-of", "2025-06-30", "examples/cases", "-o", dir + "/r.md"});
  REQUIRE(md.exit_code == 0);
  CHECK(e2e::read_file(dir + "/r.md").rfind("# Escalation autopsy report", 0) == 0);
  auto js = e2e::run({"-q", "report", "--as-of", "2025-06-30", "examples/cases", "-o", dir + "/r.json"});
  REQUIRE(js.exit_code == 0);
  CHECK(json::parse(e2e::read_file(dir + "/r.json"))["schema"] == "esc-autopsy/report/v1");
  auto mismatch = e2e::run({"report", "--format", "html", "examples/cases", "-o", dir + "/x.json"});
  CHECK(mismatch.exit_code == 2);
  CHECK(mismatch.err.find("does not match") != std::string::npos);
  auto pdf = e2e::run({"report", "--format", "html", "examples/cases", "-o", dir + "/x.pdf"});
  CHECK(pdf.exit_code == 2);
  CHECK(pdf.err.find("print the HTML report") != std::string::npos);
  auto folder = e2e::run({"report", "examples/cases", "-o", dir});
  CHECK(folder.exit_code == 2);
  CHECK(folder.err.find("is a folder") != std::string::npos);
  CHECK(folder.err.find("--force") == std::string::npos);
}

TEST_CASE("a filter value that matches no case is a warning with a suggestion") {
  // json: one --account in text, html or markdown is the account view, where no match is an error.
  auto r = e2e::run({"report", "--format", "json", "--as-of", "2025-06-30", "--account", "acme123", "--tag",
                     "nope-never", "examples/cases"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("--account acme123 matches no case; did you mean `ACME123`?") != std::string::npos);
  CHECK(r.err.find("--tag nope-never matches no case") != std::string::npos);
  auto graph = e2e::run({"graph", "--account", "acme123", "examples/cases"});
  CHECK(graph.err.find("did you mean `ACME123`?") != std::string::npos);
  auto fine = e2e::run({"report", "--as-of", "2025-06-30", "--account", "ACME123", "examples/cases"});
  CHECK(fine.err.find("matches no case") == std::string::npos);
}

TEST_CASE("the text report escapes control characters and bidi overrides from case files") {
  auto dir = e2e::temp_dir();
  e2e::write_file(dir + "/evil.yaml",
                  "id: EV-1\ntitle: t\naccount: {id: EVIL, name: \"Red\\e[31mAlert\\u202Edesrever\"}\n"
                  "opened: 2024-01-01\noutcome: at-risk\ncauses: [{code: product-flaw.defect}]\n"
                  "actions: [{action: \"::error file=x::pwned\\rmore\", owner: support, due: 2024-02-01}]\n"
                  "---\nid: EV-2\ntitle: t\naccount: {id: EVIL}\nopened: 2024-03-01\n"
                  "causes: [{code: product-flaw.defect}]\n");
  auto r = e2e::run({"report", "--as-of", "2024-06-30", dir});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("\u202E") == std::string::npos);
  CHECK(r.out.find('\r') == std::string::npos);
  CHECK(r.out.find("Red\\x1b[31mAlert\\u202edesrever") != std::string::npos);
}

TEST_CASE("a fix's after window ends at the newest case, not at a later --as-of") {
  // fix-verdicts' newest case opens 2024-12-30: half a year more of --as-of adds no quiet days.
  json at = report_of({"--as-of", "2024-12-30", "tests/cases/analysis/fix-verdicts/cases"});
  json later = report_of({"--as-of", "2025-06-30", "tests/cases/analysis/fix-verdicts/cases"});
  REQUIRE(at["fixes"].size() == later["fixes"].size());
  for (std::size_t i = 0; i < at["fixes"].size(); ++i) {
    CHECK(at["fixes"][i]["days_after"] == later["fixes"][i]["days_after"]);
    CHECK(at["fixes"][i]["verdict"] == later["fixes"][i]["verdict"]);
  }
  CHECK(at["fixes"][1]["days_after"] == 365);
  json earlier = report_of({"--as-of", "2024-06-30", "tests/cases/analysis/fix-verdicts/cases"});
  for (const auto& f : earlier["fixes"])
    if (f["code"] == "product-flaw.defect")  // cases after --as-of are left out; the newest left opens 2024-06-18
      CHECK(f["days_after"] == 170);          // 2023-12-31 to 2024-06-18
}
