#pragma once
#include <cstddef>
#include <optional>
#include <vector>

namespace esc {

// The test statistics behind the report's findings. Every distribution comes
// from Boost.Math; nothing here is a hand-written special function.

/// A 95% interval; a bound is nullopt when it is unbounded (an infinite ratio).
struct Interval {
  std::optional<double> lo, hi;
};

/// Two Poisson rates compared by the exact conditional test: given
/// n = before + after events, `after` is Binomial(n, p0) with
/// p0 = days_after / (days_before + days_after) when the rates are equal.
struct RateComparison {
  std::optional<double> rate_ratio;  // (after / days_after) / (before / days_before); nullopt when before == 0
  Interval rate_ratio_ci;            // exact (Clopper-Pearson on the binomial split)
  double p_value = 1;                // one-sided: the rate after is lower (P(X <= after))
  double best_p_value = 1;           // the p-value no events after would give (n = before): the test's reach
};

/// Compares the event rate after a date with the rate before it.
/// `days_before` and `days_after` must be positive.
RateComparison compare_rates(std::size_t before, double days_before, std::size_t after, double days_after);

/// A 2x2 table: `exposed_events` of `exposed` and `other_events` of `other`.
struct RiskComparison {
  std::optional<double> rate, base_rate;       // nullopt when the group is empty
  std::optional<double> relative_risk;         // rate / base_rate; nullopt when undefined (0/0 or x/0)
  Interval relative_risk_ci;                   // 95%, log method (Katz), 0.5 added to each cell with a zero
  double p_value = 1;                          // Fisher's exact, one-sided: more events among the exposed
};

/// Compares the event rate of an exposed group with that of the others.
RiskComparison compare_risks(std::size_t exposed_events, std::size_t exposed, std::size_t other_events,
                             std::size_t other);

/// Fisher's exact one-sided p-value for over-representation: the chance of
/// `both` or more when `a` and `b` items are drawn independently from `total`.
double fisher_over_representation(std::size_t both, std::size_t a, std::size_t b, std::size_t total);

/// Benjamini-Hochberg adjusted p-values (q-values), in the order given.
std::vector<double> benjamini_hochberg(const std::vector<double>& p_values);

}  // namespace esc
