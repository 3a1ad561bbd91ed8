#include <doctest/doctest.h>

#include "esc/render/findings.hpp"

using namespace esc;

TEST_CASE("money is written for people") {
  CHECK(format_money(0) == "$0");
  CHECK(format_money(950) == "$950");
  CHECK(format_money(48000) == "$48k");
  CHECK(format_money(480000) == "$480k");
  CHECK(format_money(999999) == "$1.0M");
  CHECK(format_money(2613000) == "$2.6M");
  CHECK(format_money(12400000) == "$12M");
}

TEST_CASE("the top chain leads the findings with accounts, ARR and churn") {
  Report report;
  report.options.min_accounts = 2;
  report.chains.push_back({{"bad-sale.wrong-solution", "rushed-onboarding.rushed"}, 5, 5, 2100000, 3});
  report.causes.push_back({"bad-sale.wrong-solution", "t", "bad-sale", "sales", 5, 5, 2100000, 5, 1, 3, 1});
  auto findings = key_findings(report);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].kind == "chain");
  CHECK(findings[0].headline ==
        "bad-sale.wrong-solution → rushed-onboarding.rushed hit 5 accounts worth $2.1M ARR; 3 have churned.");
  CHECK(findings[1].kind == "top-cause");
}

TEST_CASE("a chain below the recurrence threshold is not a finding") {
  Report report;
  report.options.min_accounts = 2;
  report.chains.push_back({{"a", "b"}, 1, 1, 100, 0});
  for (const auto& f : key_findings(report)) CHECK(f.kind != "chain");
}

TEST_CASE("third strikes, failed fixes, severity gaming and overdue actions each make a finding") {
  Report report;
  report.options.as_of = *Date::parse("2025-06-30");
  report.repeat_accounts.push_back(
      {"ACME123", "ACME Corp", 3, {"missed-signals.usage-decline"}, true, Outcome::open, {}});
  report.fixes.push_back({"product-flaw.defect", *Date::parse("2024-06-14"), 2, 2, {}});
  report.severity = {4, 3, {"NWL-0042"}};
  report.departments.push_back({"support", "Support", 1, 1, 1, 0, 2, 2, 0});
  auto findings = key_findings(report, 10);
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].headline ==
        "ACME Corp (ACME123) is on escalation #3; missed-signals.usage-decline keeps coming back.");
  CHECK(findings[1].headline.find("The fix for product-flaw.defect") == 0);
  CHECK(findings[2].headline.find("3 of 4 rated cases") == 0);
  CHECK(findings[3].headline == "2 follow-up actions are overdue as of 2025-06-30; support owns 2 of them.");
  CHECK(key_findings(report, 2).size() == 2);
}

TEST_CASE("findings can name causes, departments and accounts for people") {
  Report report;
  report.options.min_accounts = 2;
  report.chains.push_back({{"a.x", "b.y"}, 2, 2, 1000, 0});
  report.severity = {2, 2, {"ACME123"}};
  report.departments.push_back({"support", "Support", 1, 1, 1, 0, 1, 1, 0});
  FindingNames names;
  names.cause = [](const std::string& code) { return "“" + code + " title”"; };
  names.department = [](const std::string& id) { return id == "support" ? "Support" : id; };
  names.account = [](const std::string& id) { return id == "ACME123" ? "ACME Corp" : id; };
  auto findings = key_findings(report, 5, names);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].headline == "“a.x title” → “b.y title” hit 2 accounts worth $1k ARR; none has churned yet.");
  CHECK(findings[1].headline.find("; ACME Corp did it more than once.") != std::string::npos);
  CHECK(findings[2].headline.find("Support owns 1 of them.") != std::string::npos);
}
