// causes, categories and pairs (SPEC 5).
#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <tuple>

#include "esc/analyze/facts.hpp"

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

template <typename T>
void sort_by_accounts_arr_code(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) {
    return std::make_tuple(-static_cast<long>(a.accounts), -a.arr, std::cref(a.code)) <
           std::make_tuple(-static_cast<long>(b.accounts), -b.arr, std::cref(b.code));
  });
}

}  // namespace

void compute_causes(const Facts& facts, Report& report) {
  const Taxonomy& taxonomy = *facts.taxonomy;
  // Views of the codes in `facts` (the taxonomy's): a lookup allocates nothing.
  std::map<std::string_view, Tally> by_code;
  std::map<std::string, Tally> by_category;
  std::map<std::string_view, std::size_t> as_root, confirmed;
  std::map<std::pair<std::string_view, std::string_view>, Tally> by_pair;
  std::vector<const std::string*> categories;  // distinct, per case
  for (const auto& c : facts.cases) {
    categories.clear();
    for (std::size_t i = 0; i < c.code_count(); ++i) {
      std::string_view code = c.code(i);
      by_code[code].add(c);
      as_root[code] += c.is_root(i) ? 1 : 0;
      confirmed[code] += c.confirmed(i) ? 1 : 0;
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
    stat.owner = entry.owner;
    stat.cases = tally.cases;
    stat.accounts = tally.accounts.size();
    stat.arr = tally.arr(facts);
    stat.as_root = as_root[code];
    stat.confirmed = confirmed[code];
    stat.churned_accounts = facts.churned_count(tally.accounts);
    report.causes.push_back(std::move(stat));
  }
  sort_by_accounts_arr_code(report.causes);
  for (const auto& [code, tally] : by_category) {
    CategoryStat stat{code, taxonomy.find(code)->title, tally.cases, tally.accounts.size(), tally.arr(facts)};
    report.categories.push_back(std::move(stat));
  }
  sort_by_accounts_arr_code(report.categories);
  double n = static_cast<double>(facts.cases.size());
  for (const auto& [pair, tally] : by_pair) {
    if (tally.accounts.size() < facts.options.min_accounts) continue;
    double lift = tally.cases * n / (static_cast<double>(by_code[pair.first].cases) * by_code[pair.second].cases);
    report.pairs.push_back({std::string(pair.first), std::string(pair.second), tally.cases, tally.accounts.size(),
                            std::round(lift * 1e4) / 1e4});
  }
  std::sort(report.pairs.begin(), report.pairs.end(), [](const PairStat& x, const PairStat& y) {
    return std::make_tuple(-static_cast<long>(x.accounts), -x.lift, std::cref(x.a), std::cref(x.b)) <
           std::make_tuple(-static_cast<long>(y.accounts), -y.lift, std::cref(y.a), std::cref(y.b));
  });
}

}  // namespace esc
