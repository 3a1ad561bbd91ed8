#include <map>
#include <random>

#include <doctest/doctest.h>

#include "esc/analyze/analyzer.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/findings.hpp"

using namespace esc;

namespace {

ChainStat chain(std::vector<std::string> path, std::size_t accounts, double arr, std::size_t churned) {
  ChainStat c;
  c.path = std::move(path);
  c.cases = c.accounts = accounts;
  c.arr = arr;
  c.churned_accounts = churned;
  return c;
}

CauseStat cause(const std::string& code, std::size_t accounts, double arr) {
  CauseStat c;
  c.code = code;
  c.cases = c.accounts = accounts;
  c.arr = arr;
  return c;
}

// A case citing `codes` (the first leads to the rest), of `account`.
Case make_case(const std::string& id, const std::string& account, const Date& opened,
               const std::vector<std::string>& codes, std::optional<Outcome> outcome = std::nullopt) {
  Case c;
  c.id.value = id;
  c.title.value = id;
  c.account.id.value = account;
  c.account.arr = 100000;
  c.opened = opened;
  c.closed = opened;
  c.outcome = outcome;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    Cause k;
    k.code.value = codes[i];
    if (i > 0) k.caused_by.push_back(Located{codes[0], {}});
    c.causes.push_back(k);
  }
  return c;
}

}  // namespace

TEST_CASE("money, counts and shares are written for people") {
  CHECK(format_money(0) == "$0");
  CHECK(format_money(950) == "$950");
  CHECK(format_money(48000) == "$48k");
  CHECK(format_money(480000) == "$480k");
  CHECK(format_money(999999) == "$1.0M");
  CHECK(format_money(2613000) == "$2.6M");
  CHECK(format_money(12400000) == "$12M");
  CHECK(format_money(1.8e9) == "$1.8B");
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(12480) == "12,480");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_percent(0.5) == "50%");
  CHECK(format_percent(0.045) == "4.5%");
  CHECK(format_percent(0) == "0%");
  CHECK(format_p(0.0118) == "p = 0.012");
  CHECK(format_p(0.0001, "q") == "q < 0.001");
  CHECK(count_of(1, "later case") == "1 later case");
  CHECK(count_of(1200, "account") == "1,200 accounts");
  CHECK(join_names({"a", "b"}) == "a and b");
  CHECK(join_names({"a", "b", "c"}) == "a, b and c");
  CHECK(join_names({"a", "b", "c", "d", "e"}) == "a, b, c +2 more");
}

TEST_CASE("a chain with significantly more churn is called associated, with its base rate") {
  Report report;
  report.options.min_accounts = 2;
  report.chains.push_back(chain({"bad-sale.wrong-solution", "rushed-onboarding.rushed"}, 6, 2100000, 3));
  report.chains[0].churn.churn_rate = 0.5;
  report.chains[0].churn.base_churn_rate = 0.05;
  report.chains[0].churn.relative_risk = 10;
  report.chains[0].churn.p_value = 0.0118;
  auto findings = key_findings(report);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == "chain");
  CHECK(findings[0].headline ==
        "bad-sale.wrong-solution → rushed-onboarding.rushed hit 6 accounts worth $2.1M ARR; 3 churned (50%), "
        "against 5% of the other accounts: the chain is associated with churn (10.0x the churn rate, p = 0.012).");
  CHECK(findings[0].strength == Strength::moderate);
  CHECK(findings[0].arr == 2100000);
}

TEST_CASE("a chain whose churn is not significant says there are too few cases to tell") {
  Report report;
  report.options.min_accounts = 2;
  report.chains.push_back(chain({"a.x", "b.y"}, 6, 1000, 3));
  report.chains[0].churn.churn_rate = 0.5;
  report.chains[0].churn.base_churn_rate = 0.4;
  report.chains[0].churn.p_value = 0.6;
  auto findings = key_findings(report);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].headline.find("too few cases to tell whether the chain leads to churn (p = 0.600)") !=
        std::string::npos);
  CHECK(findings[0].strength == Strength::weak);
}

TEST_CASE("a chain below the recurrence threshold is not a finding") {
  Report report;
  report.options.min_accounts = 2;
  report.chains.push_back(chain({"a", "b"}, 1, 100, 0));
  for (const auto& f : key_findings(report)) CHECK(f.kind != "chain");
}

TEST_CASE("only a fix that did not hold or held makes a finding, with its counts") {
  Report report;
  FixStat fix;
  fix.code = "product-flaw.defect";
  fix.fixed = *Date::parse("2024-01-01");
  fix.cases_before = 40;
  fix.days_before = 365;
  fix.cases_after = 4;
  fix.days_after = 365;
  fix.rate_ratio = 0.1;
  fix.rr_lo = 0.026;
  fix.rr_hi = 0.277;
  fix.p_value = 8.5e-9;
  fix.verdict = FixVerdict::held;
  report.fixes.push_back(fix);
  fix.code = "bad-sale.overpromised";
  fix.verdict = FixVerdict::too_early;
  report.fixes.push_back(fix);
  auto findings = key_findings(report);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == "fix-held");
  CHECK(findings[0].headline ==
        "The fix for product-flaw.defect (done 2024-01-01) held: 4 cases in the 365 days after it against 40 in the "
        "365 days before, a 90% drop in the rate (rate ratio 0.10, 95% CI 0.03–0.28, p < 0.001).");
  CHECK(findings[0].strength == Strength::strong);
}

TEST_CASE("plurals are right for one of a thing") {
  Report report;
  report.options.as_of = *Date::parse("2025-06-30");
  DepartmentStat support{"support", "Support", 1, 1, 1, 0, 1, 1, 0};
  report.departments.push_back(support);
  report.severity = {1, 1, {}, {}};
  auto findings = key_findings(report, 10);
  REQUIRE(findings.size() == 2);
  std::map<std::string, std::string> by_kind;
  for (const auto& f : findings) by_kind[f.kind] = f.headline;
  CHECK(by_kind["overdue"] == "1 follow-up action is overdue as of 2025-06-30; support owns 1 of them.");
  CHECK(by_kind["severity"] == "1 of 1 rated case was opened as more severe than the review found.");
}

TEST_CASE("findings name at most three causes, then how many more") {
  Report report;
  report.repeat_accounts.push_back({"ACME123", "ACME Corp", 4, {"a", "b", "c", "d", "e"}, true, Outcome::open, {}});
  auto findings = key_findings(report);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].headline == "ACME Corp (ACME123) is on escalation #4; a, b, c +2 more keep coming back.");
}

TEST_CASE("ranking: the best of each kind before a second of any, never more than two of one kind") {
  Report report;
  for (int i = 0; i < 6; ++i) {
    std::string id = "ACC-" + std::to_string(i);
    report.repeat_accounts.push_back({id, "", 3, {"x"}, true, Outcome::open, {}});
    report.accounts.push_back({id, "", "", 1e6 * (10 - i), Outcome::open, 3, 1, 0});
  }
  report.causes.push_back(cause("product-flaw.defect", 3, 50000));  // small ARR: ranks last among firsts
  report.options.min_accounts = 2;
  auto findings = key_findings(report, 5);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].kind == "third-strike");
  CHECK(findings[1].kind == "top-cause");  // the first of another kind comes before a second third strike
  CHECK(findings[2].kind == "third-strike");
  CHECK(findings[0].score >= findings[2].score);
}

TEST_CASE("on 5,000 generated cases at most 5 findings and no more than 2 of one kind") {
  const Taxonomy& taxonomy = default_taxonomy();
  std::vector<std::string> codes;
  for (const auto& e : taxonomy.entries())
    if (e.code.find('.') != std::string::npos) codes.push_back(e.code);
  REQUIRE(codes.size() > 10);
  std::mt19937 random(42);
  std::vector<Case> cases;
  cases.reserve(5000);
  Date start = *Date::parse("2023-01-01");
  for (int i = 0; i < 5000; ++i) {
    int day = static_cast<int>(random() % 700);
    Date opened{start.year + day / 365, 1 + (day % 365) / 31, 1 + (day % 31) % 28};
    std::string account = "ACC-" + std::to_string(random() % 600);  // ~8 cases an account: many third strikes
    std::vector<std::string> cited = {codes[random() % codes.size()], codes[random() % codes.size()]};
    if (cited[0] == cited[1]) cited.pop_back();
    cases.push_back(make_case("C-" + std::to_string(i), account, opened, cited,
                              random() % 5 == 0 ? std::optional<Outcome>(Outcome::churned) : std::nullopt));
  }
  std::vector<const Case*> pointers;
  for (const auto& c : cases) pointers.push_back(&c);
  AnalysisOptions options;
  options.as_of = *Date::parse("2025-01-01");
  Report report = analyze(pointers, taxonomy, options);
  REQUIRE(report.repeat_accounts.size() > 100);
  auto findings = key_findings(report);
  CHECK(findings.size() <= 5);
  std::map<std::string, int> per_kind;
  for (const auto& f : findings) per_kind[f.kind] += 1;
  for (const auto& [kind, n] : per_kind) CHECK_MESSAGE(n <= 2, kind);
  CHECK(per_kind.size() >= 2);
}

TEST_CASE("200 random pairs of independent causes yield no pair with q below 0.05") {
  const Taxonomy& taxonomy = default_taxonomy();
  std::vector<std::string> codes;
  for (const auto& e : taxonomy.entries())
    if (e.code.find('.') != std::string::npos) codes.push_back(e.code);
  std::mt19937 random(7);
  codes.clear();
  for (const auto& e : taxonomy.entries()) codes.push_back(e.code);  // categories too: over 300 pairs
  std::vector<Case> cases;
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> cited;
    for (const auto& code : codes)  // each cause on its own, 15% of cases
      if (random() % 100 < 15) cited.push_back(code);
    Case c = make_case("C-" + std::to_string(i), "ACC-" + std::to_string(i % 500), *Date::parse("2024-01-01"), {});
    for (const auto& code : cited) {
      Cause k;
      k.code.value = code;
      c.causes.push_back(k);
    }
    cases.push_back(std::move(c));
  }
  std::vector<const Case*> pointers;
  for (const auto& c : cases) pointers.push_back(&c);
  AnalysisOptions options;
  options.as_of = *Date::parse("2025-01-01");
  Report report = analyze(pointers, taxonomy, options);
  REQUIRE(report.pairs.size() >= 200);
  std::size_t below = 0, raw_below = 0;
  for (const auto& p : report.pairs) {
    below += p.q_value < 0.05 ? 1 : 0;
    raw_below += p.p_value < 0.05 ? 1 : 0;
  }
  CHECK(below == 0);
  MESSAGE(report.pairs.size() << " pairs; " << raw_below << " with raw p < 0.05");
}

TEST_CASE("statistics are rounded to 6 significant digits down to the smallest double") {
  CHECK(round_statistic(0.0123456789) == doctest::Approx(0.0123457).epsilon(1e-12));
  CHECK(round_statistic(0) == 0);
  double tiny = 4.94066e-324;  // a p-value this small once made report exit 3 (stod: out_of_range)
  CHECK_NOTHROW(round_statistic(tiny));
  CHECK(round_statistic(tiny) >= 0);
  CHECK(round_statistic(tiny) < 1e-300);
  CHECK(round_statistic(1e-310) == doctest::Approx(1e-310));
}
