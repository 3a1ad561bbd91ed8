// Churn association of causes, chains and pairs (issue 14).
#include <map>
#include <utility>
#include <vector>

#include "esc/analyze/facts.hpp"
#include "esc/analyze/statistics.hpp"

namespace esc {
namespace {

struct Population {
  std::size_t accounts = 0, churned = 0;
};

ChurnAssociation associate(std::size_t churned, std::size_t accounts, const Population& all) {
  RiskComparison risk = compare_risks(churned, accounts, all.churned - churned, all.accounts - accounts);
  ChurnAssociation out;
  out.churn_rate = risk.rate;
  out.base_churn_rate = risk.base_rate;
  out.relative_risk = risk.relative_risk;
  out.rr_lo = risk.relative_risk_ci.lo;
  out.rr_hi = risk.relative_risk_ci.hi;
  out.p_value = risk.p_value;
  return out;
}

// Fills `churn` for every item of a list, q-values adjusted across the list.
// Items share few distinct (churned, accounts) counts (most chains have one
// account), and an exact test over thousands of accounts is not free: each
// distinct count is tested once.
template <typename T>
void associate_all(std::vector<T>& items, const Population& all) {
  std::map<std::pair<std::size_t, std::size_t>, ChurnAssociation> tested;
  std::vector<double> p_values;
  for (auto& item : items) {
    auto key = std::make_pair(item.churned_accounts, item.accounts);
    auto it = tested.find(key);
    if (it == tested.end()) it = tested.emplace(key, associate(item.churned_accounts, item.accounts, all)).first;
    item.churn = it->second;
    p_values.push_back(item.churn.p_value);
  }
  std::vector<double> q_values = benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < items.size(); ++i) items[i].churn.q_value = q_values[i];
}

}  // namespace

void compute_churn(const Facts& facts, Report& report) {
  Population all;
  all.accounts = facts.accounts.size();
  for (const auto& [id, account] : facts.accounts) all.churned += account.outcome == Outcome::churned ? 1 : 0;
  associate_all(report.causes, all);
  associate_all(report.chains, all);
  associate_all(report.pairs, all);
}

}  // namespace esc
