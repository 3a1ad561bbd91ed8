#include <set>

#include <doctest/doctest.h>

#include "esc/analyze/redact.hpp"

using namespace esc;

namespace {

CaseRef case_of(const std::string& id, const std::string& title, const std::string& account) {
  return CaseRef{id, title, account, Date::parse("2024-01-01"), std::nullopt, std::nullopt, {}};
}

Report sample() {
  Report r;
  r.accounts.push_back({"ACME123", "ACME Corp", "enterprise", 480000, Outcome::open, 3, 1, 0});
  r.accounts.push_back({"GLX-7781", "Globex", "enterprise", 100, std::nullopt, 1, 0, 0});
  r.case_refs.push_back(case_of("ESC-1", "ACME's export fails; Globex saw it too", "ACME123"));
  r.case_refs.push_back(case_of("ACME123-2", "acme corp asks for a refund (see acme123)", "ACME123"));
  r.case_refs.push_back(case_of("ESC-9", "Globexian fix failed", "GLX-7781"));
  RepeatAccount acme{"ACME123", "ACME Corp", 3, {"a"}, true, Outcome::open, {0, 1}};
  r.repeat_accounts.push_back(acme);
  FixStat fix;
  fix.code = "x";
  fix.fixed = *Date::parse("2023-01-01");
  fix.cases_after = fix.accounts_after = 1;
  fix.recurrences = {2};
  r.fixes.push_back(fix);
  r.watchlist.push_back({"ACME123", "ACME Corp", 480000, 3, {"autopsy pending (ACME123-2)"}, 1, 480000});
  r.severity.inflated_accounts = {"GLX-7781"};
  r.options.accounts = {"ACME123", "NOT-IN-DATA"};
  return r;
}

}  // namespace

TEST_CASE("pseudonyms are stable and shaped Account-XXXX") {
  std::string p = account_pseudonym("ACME123");
  CHECK(p == account_pseudonym("ACME123"));
  CHECK(p != account_pseudonym("ACME124"));
  CHECK(p != account_pseudonym("ACME123", 1));
  REQUIRE(p.size() == 12);
  CHECK(p.rfind("Account-", 0) == 0);
}

TEST_CASE("redaction replaces account ids and names everywhere, the same way each time") {
  Report r = sample();
  redact_report(r);
  std::string acme = account_pseudonym("ACME123"), globex = account_pseudonym("GLX-7781");
  CHECK(r.redacted);
  REQUIRE(r.repeat_accounts.size() == 1);
  CHECK(r.repeat_accounts[0].account == acme);
  CHECK(r.repeat_accounts[0].name.empty());
  CHECK(r.case_refs[r.repeat_accounts[0].escalations[0]].account == acme);
  CHECK(r.case_refs[r.repeat_accounts[0].escalations[0]].title == acme + "'s export fails; " + globex + " saw it too");
  CHECK(r.case_refs[r.repeat_accounts[0].escalations[1]].id == acme + "-2");
  CHECK(r.case_refs[r.repeat_accounts[0].escalations[1]].title == acme + " asks for a refund (see " + acme + ")");
  CHECK(r.case_refs[r.fixes[0].recurrences[0]].account == globex);
  REQUIRE(r.watchlist.size() == 1);
  CHECK(r.watchlist[0].account == acme);
  CHECK(r.watchlist[0].name.empty());
  CHECK(r.watchlist[0].reasons[0] == "autopsy pending (" + acme + "-2)");
  CHECK(r.case_refs[r.fixes[0].recurrences[0]].title == "Globexian fix failed");  // whole words only
  CHECK(r.severity.inflated_accounts == std::vector<std::string>{globex});
  CHECK(r.options.accounts[0] == acme);
  CHECK(r.options.accounts[1] == account_pseudonym("NOT-IN-DATA"));
  for (const auto& a : r.accounts) {
    CHECK(a.name.empty());
    CHECK(a.id.rfind("Account-", 0) == 0);
  }
  Report again = sample();
  redact_report(again);
  CHECK(again.case_refs[again.repeat_accounts[0].escalations[0]].title == r.case_refs[r.repeat_accounts[0].escalations[0]].title);
}

TEST_CASE("two accounts never share a pseudonym") {
  Report r;
  for (int i = 0; i < 3000; ++i) r.accounts.push_back({"A" + std::to_string(i), "", "", 0, std::nullopt, 1, 0, 0});
  redact_report(r);
  std::set<std::string> seen;
  for (const auto& a : r.accounts) seen.insert(a.id);
  CHECK(seen.size() == 3000);
}
