// report --format csv --table NAME: one RFC 4180 table per report key.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "csv.hpp"
#include "run.hpp"

using nlohmann::json;

namespace {

const std::vector<std::string> k_base = {"report", "--as-of", "2025-06-30"};

std::vector<std::vector<std::string>> table(const std::string& name, const std::string& dir = "examples/cases") {
  std::vector<std::string> args = k_base;
  args.insert(args.end(), {"--format", "csv", "--table", name, dir});
  auto r = e2e::run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return e2e::parse_csv(r.out);
}

json report_json(const std::string& dir = "examples/cases") {
  std::vector<std::string> args = k_base;
  args.insert(args.end(), {"--format", "json", dir});
  return json::parse(e2e::run(args).out);
}

// Checks the header and that each row's columns equal the JSON fields of the
// same name (numbers compared as written, lists joined).
void check_table(const std::string& name, const std::string& key, const std::vector<std::string>& header) {
  auto rows = table(name);
  json report = report_json();
  REQUIRE(!rows.empty());
  CHECK(rows[0] == header);
  REQUIRE(rows.size() == report[key].size() + 1);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const json& item = report[key][i - 1];
    REQUIRE(rows[i].size() == header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
      const json* value = item.contains(header[c]) ? &item[header[c]] : nullptr;
      if (header[c] == "account" && item.contains("id")) value = &item["id"];
      if (!value || value->is_array() || value->is_null()) continue;
      std::string expected = value->is_string() ? value->get<std::string>() : value->dump();
      CHECK_MESSAGE(rows[i][c] == expected, name << " row " << i << " column " << header[c]);
    }
  }
}

}  // namespace

TEST_CASE("csv causes") {
  check_table("causes", "causes",
              {"code", "title", "category", "owner", "cases", "accounts", "arr", "as_root", "confirmed",
               "churned_accounts", "reach", "likely", "suspected", "churn_rate", "base_churn_rate",
               "churn_relative_risk", "churn_rr_lo", "churn_rr_hi", "churn_p_value", "churn_q_value"});
}

TEST_CASE("csv links") {
  check_table("links", "links", {"from", "to", "cases", "accounts"});
}

TEST_CASE("csv chains join the path with >") {
  check_table("chains", "chains",
              {"path", "cases", "accounts", "arr", "churned_accounts", "churn_rate", "base_churn_rate",
               "churn_relative_risk", "churn_rr_lo", "churn_rr_hi", "churn_p_value", "churn_q_value"});
  auto rows = table("chains");
  CHECK(rows[1][0] ==
        "bad-sale.wrong-solution > rushed-onboarding.too-high-level > support-closure-incentives.workaround-closure");
}

TEST_CASE("csv pairs") {
  check_table("pairs", "pairs",
              {"a", "b", "cases", "accounts", "lift", "p_value", "q_value", "churned_accounts", "churn_rate",
               "base_churn_rate", "churn_relative_risk", "churn_rr_lo", "churn_rr_hi", "churn_p_value",
               "churn_q_value"});
}

TEST_CASE("csv accounts lists every account with third strikes and recurring causes") {
  check_table("accounts", "accounts",
              {"account", "name", "segment", "arr", "outcome", "cases", "open_cases", "third_strike", "recurring"});
  auto rows = table("accounts");
  CHECK(rows[1][0] == "ACME123");
  CHECK(rows[1][3] == "455000");
  CHECK(rows[1][7] == "true");
  CHECK(rows[1][8] == "missed-signals.usage-decline;support-closure-incentives.workaround-closure");
}

TEST_CASE("csv departments") {
  check_table("departments", "departments",
              {"id", "title", "causes", "cases", "accounts", "arr", "actions_open", "actions_overdue", "owner_absent"});
}

TEST_CASE("csv fixes") {
  check_table("fixes", "fixes",
              {"code", "fixed", "cases_before", "days_before", "cases_after", "days_after", "rate_ratio",
               "rate_ratio_lo", "rate_ratio_hi", "p_value", "verdict", "accounts_after", "recurrences"});
  auto rows = table("fixes");
  CHECK(rows[1][12].find("ESC-2024-0002;") == 0);
  json report = report_json();
  CHECK(rows[1][7] == report["fixes"][0]["rate_ratio_ci"][0].dump());
}

TEST_CASE("csv watchlist ranks open and at-risk accounts with their reasons") {
  check_table("watchlist", "watchlist", {"account", "name", "arr", "cases", "risk", "score", "reasons"});
  auto rows = table("watchlist");
  json report = report_json();
  REQUIRE(rows.size() >= 2);
  std::string reasons;
  for (const auto& r : report["watchlist"][0]["reasons"]) reasons += (reasons.empty() ? "" : "; ") + r.get<std::string>();
  CHECK(rows[1][6] == reasons);
}

TEST_CASE("csv quotes commas, quotes and line ends as RFC 4180 asks and defuses formulas") {
  auto r = e2e::run({"report", "--as-of", "2025-06-30", "--format", "csv", "--table", "causes", "examples/cases"});
  CHECK(r.out.find("\"Closed with a workaround, root cause never found\"") != std::string::npos);
  auto rows = table("accounts", "tests/cases/hostile");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][1] == "{{#x}}{{{y}}}</td>");
  CHECK(rows[2][0] == "'=1+2");
  CHECK(rows[2][1] == "'=HYPERLINK(\"http://x.invalid\")");
  auto raw = e2e::run({"report", "--format", "csv", "--table", "accounts", "tests/cases/hostile"});
  CHECK(raw.out.find("\"'=HYPERLINK(\"\"http://x.invalid\"\")\"") != std::string::npos);
}

TEST_CASE("csv needs a known --table, and --table needs csv") {
  auto missing = e2e::run({"report", "--format", "csv", "examples/cases"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("--table causes|links|chains|pairs|accounts|departments|fixes|watchlist") !=
        std::string::npos);
  auto unknown = e2e::run({"report", "--format", "csv", "--table", "nope", "examples/cases"});
  CHECK(unknown.exit_code == 2);
  auto stray = e2e::run({"report", "--table", "causes", "examples/cases"});
  CHECK(stray.exit_code == 2);
  CHECK(stray.err.find("--format csv") != std::string::npos);
}

TEST_CASE("csv actions is the action tracker of open actions, overdue first") {
  check_table("actions", "actions", {"case", "account", "action", "owner", "cause", "due", "days_overdue"});
  auto rows = table("actions");
  REQUIRE(rows.size() > 2);
  CHECK(std::stol(rows[1][6]) >= std::stol(rows[2][6]));
  CHECK(std::stol(rows[1][6]) > 0);
}

TEST_CASE("csv cases has one row per analysed case with its causes") {
  auto rows = table("cases");
  json report = report_json();
  REQUIRE(rows.size() == report["summary"]["cases"].get<std::size_t>() + 1);
  CHECK(rows[0] == std::vector<std::string>{"id", "title", "account", "opened", "closed", "outcome", "causes"});
  std::size_t cited = 0;
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (!rows[i][6].empty()) cited += std::count(rows[i][6].begin(), rows[i][6].end(), ';') + 1;
  std::size_t expected = 0;
  for (const auto& c : report["causes"]) expected += c["cases"].get<std::size_t>();
  CHECK(cited == expected);
}
