#include "esc/analyze/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/complement.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>

namespace esc {
namespace {

constexpr double k_alpha = 0.05;

// P(X >= x) for a hypergeometric X: `successes` in a population of `total`,
// `draws` drawn.
double hypergeometric_at_least(std::size_t x, std::size_t successes, std::size_t draws, std::size_t total) {
  std::size_t lowest = draws + successes > total ? draws + successes - total : 0;
  if (x <= lowest) return 1;
  if (x > std::min(successes, draws)) return 0;
  boost::math::hypergeometric_distribution<double> h(successes, draws, total);
  return std::clamp(boost::math::cdf(boost::math::complement(h, static_cast<double>(x - 1))), 0.0, 1.0);
}

}  // namespace

RateComparison compare_rates(std::size_t before, double days_before, std::size_t after, double days_after) {
  using boost::math::binomial_distribution;
  RateComparison out;
  double exposure = days_before / days_after;  // turns the odds of the split into the rate ratio
  if (before > 0) out.rate_ratio = (static_cast<double>(after) / days_after) / (static_cast<double>(before) / days_before);
  std::size_t n = before + after;
  double p0 = days_after / (days_before + days_after);
  if (n == 0) return out;  // no events: nothing to compare
  binomial_distribution<double> split(static_cast<double>(n), p0);
  out.p_value = std::clamp(boost::math::cdf(split, static_cast<double>(after)), 0.0, 1.0);
  // The p-value if nothing had happened after: with `before` events alone,
  // P(X = 0) for Binomial(before, p0). Above alpha, even a perfect drop could
  // not be told from chance.
  out.best_p_value = before == 0 ? 1 : boost::math::pdf(binomial_distribution<double>(static_cast<double>(before), p0), 0.0);
  double lo = binomial_distribution<double>::find_lower_bound_on_p(
      static_cast<double>(n), static_cast<double>(after), k_alpha / 2,
      binomial_distribution<double>::clopper_pearson_exact_interval);
  double hi = binomial_distribution<double>::find_upper_bound_on_p(
      static_cast<double>(n), static_cast<double>(after), k_alpha / 2,
      binomial_distribution<double>::clopper_pearson_exact_interval);
  out.rate_ratio_ci.lo = lo / (1 - lo) * exposure;
  if (hi < 1) out.rate_ratio_ci.hi = hi / (1 - hi) * exposure;
  return out;
}

RiskComparison compare_risks(std::size_t exposed_events, std::size_t exposed, std::size_t other_events,
                             std::size_t other) {
  RiskComparison out;
  if (exposed > 0) out.rate = static_cast<double>(exposed_events) / static_cast<double>(exposed);
  if (other > 0) out.base_rate = static_cast<double>(other_events) / static_cast<double>(other);
  if (!out.rate || !out.base_rate) return out;
  if (*out.base_rate > 0) out.relative_risk = *out.rate / *out.base_rate;
  double a = static_cast<double>(exposed_events), n1 = static_cast<double>(exposed);
  double c = static_cast<double>(other_events), n2 = static_cast<double>(other);
  if (exposed_events == 0 || other_events == 0 || exposed_events == exposed || other_events == other) {
    a += 0.5, c += 0.5, n1 += 1, n2 += 1;  // Haldane-Anscombe: keeps the log finite
  }
  double log_rr = std::log((a / n1) / (c / n2));
  double se = std::sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  double z = boost::math::quantile(boost::math::normal_distribution<double>(), 1 - k_alpha / 2);
  out.relative_risk_ci = {std::exp(log_rr - z * se), std::exp(log_rr + z * se)};
  out.p_value = hypergeometric_at_least(exposed_events, exposed_events + other_events, exposed, exposed + other);
  return out;
}

double fisher_over_representation(std::size_t both, std::size_t a, std::size_t b, std::size_t total) {
  return hypergeometric_at_least(both, a, b, total);
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p_values) {
  std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
  std::vector<double> q(m);
  double running = 1;
  for (std::size_t rank = m; rank > 0; --rank) {
    std::size_t i = order[rank - 1];
    running = std::min(running, p_values[i] * static_cast<double>(m) / static_cast<double>(rank));
    q[i] = running;
  }
  return q;
}

}  // namespace esc
