// causes, categories and pairs (SPEC 5).
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>
#include <tuple>

#include "esc/analyze/facts.hpp"
#include "esc/analyze/statistics.hpp"

namespace esc {
namespace {

// Cases and distinct accounts of one code, category or pair.
struct Tally {
  std::size_t cases = 0;
  AccountSet accounts;
  void add(const CaseFacts& c) {
    ++cases;
    accounts.insert(c.account_index);
  }
  double arr(const Facts& facts) const { return facts.arr_of(accounts); }
};

// Accounts, cases, confirmed cases, ARR, then code (issue 14: a cause cited
// in 3 confirmed cases outranks a 1-case suspected one at equal reach).
template <typename T>
void sort_by_weight(std::vector<T>& items, std::size_t T::*confirmed = nullptr) {
  auto key = [confirmed](const T& x) {
    return std::make_tuple(-static_cast<long>(x.accounts), -static_cast<long>(x.cases),
                           confirmed ? -static_cast<long>(x.*confirmed) : 0L, -x.arr, std::cref(x.code));
  };
  std::sort(items.begin(), items.end(), [&key](const T& a, const T& b) { return key(a) < key(b); });
}

// The owner most of a code's cases name (the case's override or the
// taxonomy's), the taxonomy's owner on a tie, as the departments table counts.
std::string majority_owner(const std::map<std::string_view, std::size_t>& owners, const std::string& default_owner) {
  std::string best = default_owner;
  std::size_t most = 0;
  auto it = owners.find(default_owner);
  if (it != owners.end()) most = it->second;
  for (const auto& [owner, n] : owners)
    if (n > most) best = std::string(owner), most = n;
  return best;
}

}  // namespace

void compute_causes(const Facts& facts, Report& report) {
  const Taxonomy& taxonomy = *facts.taxonomy;
  // Views of the codes in `facts` (the taxonomy's): a lookup allocates nothing.
  std::map<std::string_view, Tally> by_code;
  std::map<std::string, Tally> by_category;
  std::map<std::string_view, std::size_t> as_root;
  std::map<std::string_view, std::array<std::size_t, 3>> confidence;  // by Confidence
  std::map<std::string_view, std::map<std::string_view, std::size_t>> owners;
  std::map<std::pair<std::string_view, std::string_view>, Tally> by_pair;
  std::vector<const std::string*> categories;  // distinct, per case
  for (const auto& c : facts.cases) {
    categories.clear();
    for (std::size_t i = 0; i < c.code_count(); ++i) {
      std::string_view code = c.code(i);
      by_code[code].add(c);
      as_root[code] += c.is_root(i) ? 1 : 0;
      confidence[code][static_cast<std::size_t>(c.confidence(i))] += 1;
      owners[code][c.owner(i)] += 1;
      const std::string* category = &taxonomy.category_of(c.entry(i)).code;
      if (std::find(categories.begin(), categories.end(), category) == categories.end()) categories.push_back(category);
      for (std::size_t j = 0; j < c.code_count(); ++j)
        if (code < c.code(j)) by_pair[{code, c.code(j)}].add(c);
    }
    for (const std::string* category : categories) by_category[*category].add(c);
  }
  for (const auto& [code, tally] : by_code) {
    const TaxonomyEntry& entry = *taxonomy.find(code);
    CauseStat stat;
    stat.code = std::string(code);
    stat.title = entry.title;
    stat.category = taxonomy.category_of(entry).code;
    stat.owner = majority_owner(owners[code], entry.owner);
    stat.cases = tally.cases;
    stat.accounts = tally.accounts.size();
    stat.arr = tally.arr(facts);
    stat.as_root = as_root[code];
    const auto& by_confidence = confidence[code];
    stat.confirmed = by_confidence[static_cast<std::size_t>(Confidence::confirmed)];
    stat.likely = by_confidence[static_cast<std::size_t>(Confidence::likely)];
    stat.suspected = by_confidence[static_cast<std::size_t>(Confidence::suspected)];
    stat.churned_accounts = facts.churned_count(tally.accounts);
    report.causes.push_back(std::move(stat));
  }
  sort_by_weight(report.causes, &CauseStat::confirmed);
  for (const auto& [code, tally] : by_category) {
    CategoryStat stat{code, taxonomy.find(code)->title, tally.cases, tally.accounts.size(), tally.arr(facts)};
    report.categories.push_back(std::move(stat));
  }
  sort_by_weight(report.categories);
  double n = static_cast<double>(facts.cases.size());
  for (const auto& [pair, tally] : by_pair) {
    if (tally.accounts.size() < facts.options.min_accounts) continue;
    double lift = tally.cases * n / (static_cast<double>(by_code[pair.first].cases) * by_code[pair.second].cases);
    PairStat stat;
    stat.a = std::string(pair.first);
    stat.b = std::string(pair.second);
    stat.cases = tally.cases;
    stat.accounts = tally.accounts.size();
    stat.lift = std::round(lift * 1e4) / 1e4;
    stat.p_value = fisher_over_representation(tally.cases, by_code[pair.first].cases, by_code[pair.second].cases,
                                              facts.cases.size());
    stat.churned_accounts = facts.churned_count(tally.accounts);
    report.pairs.push_back(std::move(stat));
  }
  std::vector<double> p_values;
  for (const auto& pair : report.pairs) p_values.push_back(pair.p_value);
  std::vector<double> q_values = benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < report.pairs.size(); ++i) report.pairs[i].q_value = q_values[i];
  std::sort(report.pairs.begin(), report.pairs.end(), [](const PairStat& x, const PairStat& y) {
    return std::make_tuple(-static_cast<long>(x.accounts), -x.lift, std::cref(x.a), std::cref(x.b)) <
           std::make_tuple(-static_cast<long>(y.accounts), -y.lift, std::cref(y.a), std::cref(y.b));
  });
}

}  // namespace esc
