// The test statistics behind the findings. Expected values were computed
// independently with SciPy 1.10 (Debian python3-scipy), as quoted per check.
#include <doctest/doctest.h>

#include "esc/analyze/statistics.hpp"

using namespace esc;

TEST_CASE("a fix that cut the rate by 90% compares as a significant drop") {
  // 40 cases in 365 days before, 4 in 365 days after.
  // scipy: binomtest(4, 44, 0.5, alternative='less').pvalue = 8.52572e-09;
  // proportion_ci(0.95, 'exact') -> rate ratio 95% CI (0.0259866, 0.276628).
  RateComparison r = compare_rates(40, 365, 4, 365);
  REQUIRE(r.rate_ratio);
  CHECK(*r.rate_ratio == doctest::Approx(0.1));
  CHECK(r.p_value == doctest::Approx(8.52572e-09).epsilon(1e-4));
  REQUIRE(r.rate_ratio_ci.lo);
  REQUIRE(r.rate_ratio_ci.hi);
  CHECK(*r.rate_ratio_ci.lo == doctest::Approx(0.0259866).epsilon(1e-4));
  CHECK(*r.rate_ratio_ci.hi == doctest::Approx(0.276628).epsilon(1e-4));
  CHECK(r.best_p_value < 1e-10);  // 0.5^40
}

TEST_CASE("a constant rate is no drop") {
  // 8 in 356 days, then 8 in 365: scipy binomtest(8, 16, 365/721, 'less') = 0.578464,
  // rate ratio 0.975342, 95% CI (0.319091, 2.98126); (356/721)^8 = 0.003533.
  RateComparison r = compare_rates(8, 356, 8, 365);
  CHECK(*r.rate_ratio == doctest::Approx(0.975342).epsilon(1e-5));
  CHECK(r.p_value == doctest::Approx(0.578464).epsilon(1e-5));
  CHECK(*r.rate_ratio_ci.lo == doctest::Approx(0.319091).epsilon(1e-4));
  CHECK(*r.rate_ratio_ci.hi == doctest::Approx(2.98126).epsilon(1e-4));
  CHECK(r.best_p_value == doctest::Approx(0.003533).epsilon(1e-3));
}

TEST_CASE("a short window after cannot show a drop, even with nothing in it") {
  // 6 in 300 days, 0 in 30: (300/330)^6 = 0.5645, so even zero is no evidence.
  RateComparison r = compare_rates(6, 300, 0, 30);
  CHECK(*r.rate_ratio == doctest::Approx(0));
  CHECK(r.best_p_value == doctest::Approx(0.5645).epsilon(1e-3));
  CHECK(r.p_value == doctest::Approx(0.564474).epsilon(1e-4));
  CHECK(*r.rate_ratio_ci.hi == doctest::Approx(8.49311).epsilon(1e-4));
}

TEST_CASE("no cases before leaves the rate ratio undefined") {
  RateComparison r = compare_rates(0, 100, 3, 100);
  CHECK_FALSE(r.rate_ratio);
  CHECK(r.best_p_value == 1);
}

TEST_CASE("churn with a chain against a low base rate is associated") {
  // 3 of 6 churned against 2 of 40: scipy fisher_exact([[3,3],[2,38]], 'greater') p = 0.0118227;
  // relative_risk(3, 6, 2, 40) = 10, 95% CI (2.08043, 48.0670).
  RiskComparison r = compare_risks(3, 6, 2, 40);
  CHECK(*r.rate == doctest::Approx(0.5));
  CHECK(*r.base_rate == doctest::Approx(0.05));
  CHECK(*r.relative_risk == doctest::Approx(10));
  CHECK(r.p_value == doctest::Approx(0.0118227).epsilon(1e-4));
  CHECK(*r.relative_risk_ci.lo == doctest::Approx(2.08043).epsilon(1e-4));
  CHECK(*r.relative_risk_ci.hi == doctest::Approx(48.0670).epsilon(1e-4));
}

TEST_CASE("the same chain against a high base rate is not") {
  // 3 of 6 against 20 of 40: fisher p = 0.667423; RR 1, 95% CI (0.423981, 2.35860).
  RiskComparison r = compare_risks(3, 6, 20, 40);
  CHECK(*r.relative_risk == doctest::Approx(1));
  CHECK(r.p_value == doctest::Approx(0.667423).epsilon(1e-4));
  CHECK(*r.relative_risk_ci.lo == doctest::Approx(0.423981).epsilon(1e-4));
  CHECK(*r.relative_risk_ci.hi == doctest::Approx(2.35860).epsilon(1e-4));
}

TEST_CASE("empty groups and zero base rates give undefined values, not infinities") {
  RiskComparison none = compare_risks(0, 0, 1, 10);
  CHECK_FALSE(none.rate);
  CHECK_FALSE(none.relative_risk);
  RiskComparison zero_base = compare_risks(2, 4, 0, 10);
  CHECK_FALSE(zero_base.relative_risk);
  REQUIRE(zero_base.relative_risk_ci.lo);  // with 0.5 added to each cell
  CHECK(*zero_base.relative_risk_ci.lo > 0);
  // scipy fisher_exact([[2,2],[0,10]], 'greater') p = 0.0659341
  CHECK(zero_base.p_value == doctest::Approx(0.0659341).epsilon(1e-4));
}

TEST_CASE("co-occurrence over-representation is Fisher's exact test") {
  // both 5, a 10, b 8 of 40: fisher_exact([[5,5],[3,27]], "greater") p = 0.0145390
  CHECK(fisher_over_representation(5, 10, 8, 40) == doctest::Approx(0.0145390).epsilon(1e-4));
  CHECK(fisher_over_representation(0, 10, 8, 40) == 1);
}

TEST_CASE("Benjamini-Hochberg q-values are monotone in p and capped at 1") {
  // Worked by hand: sorted p .005 .01 .03 .04 .5 times 5/rank = .025 .025 .05 .05 .5.
  std::vector<double> q = benjamini_hochberg({0.01, 0.04, 0.03, 0.005, 0.5});
  REQUIRE(q.size() == 5);
  CHECK(q[0] == doctest::Approx(0.025));
  CHECK(q[1] == doctest::Approx(0.05));
  CHECK(q[2] == doctest::Approx(0.05));
  CHECK(q[3] == doctest::Approx(0.025));
  CHECK(q[4] == doctest::Approx(0.5));
  CHECK(benjamini_hochberg({}).empty());
  CHECK(benjamini_hochberg({0.9, 0.95})[1] <= 1);
}
