// trend and severity (SPEC 5).
#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>

#include "esc/analyze/facts.hpp"

namespace esc {
namespace {

void compute_trend(const Facts& facts, Report& report) {
  // Keyed by year * 4 + quarter index: no string per case.
  struct Quarter {
    std::size_t cases = 0;
    std::map<std::string, std::size_t> categories;
  };
  std::map<int, Quarter> by_quarter;
  auto key_of = [](const Date& d) { return d.year * 4 + (d.month - 1) / 3; };
  const int last_allowed = key_of(report.options.as_of);
  std::vector<const std::string*> cited;
  for (const auto& c : facts.cases) {
    if (!c.source->opened) continue;
    int key = key_of(*c.source->opened);
    if (key > last_allowed) continue;  // the loader leaves such cases out already; never draw the future
    Quarter& slot = by_quarter[key];
    slot.cases += 1;
    cited.clear();
    for (std::size_t i = 0; i < c.code_count(); ++i) {
      const std::string* category = &facts.taxonomy->category_of(c.entry(i)).code;
      if (std::find(cited.begin(), cited.end(), category) == cited.end()) cited.push_back(category);
    }
    for (const std::string* category : cited) ++slot.categories[*category];
  }
  if (by_quarter.empty()) return;
  // Every quarter from the first to the last, empty ones with 0 cases.
  for (int key = by_quarter.begin()->first; key <= by_quarter.rbegin()->first; ++key) {
    Date start{key / 4, key % 4 * 3 + 1, 1};
    auto it = by_quarter.find(key);
    if (it == by_quarter.end())
      report.trend.push_back({start.quarter(), 0, {}});
    else
      report.trend.push_back({start.quarter(), it->second.cases, std::move(it->second.categories)});
  }
}

void compute_severity(const Facts& facts, Report& report) {
  std::map<std::string_view, std::size_t> inflated_by_account;
  for (const auto& c : facts.cases) {
    const Case& source = *c.source;
    if (!source.severity_claimed || !source.severity_assessed) continue;
    report.severity.rated += 1;
    auto claimed = static_cast<std::size_t>(*source.severity_claimed),
         assessed = static_cast<std::size_t>(*source.severity_assessed);
    if (claimed >= 1 && claimed <= 4 && assessed >= 1 && assessed <= 4)
      report.severity.matrix[claimed - 1][assessed - 1] += 1;
    if (*source.severity_claimed < *source.severity_assessed) {  // sev1 is the most severe
      report.severity.inflated += 1;
      inflated_by_account[c.account()] += 1;
    }
  }
  for (const auto& [account, n] : inflated_by_account)
    if (n >= 2) report.severity.inflated_accounts.emplace_back(account);
}

}  // namespace

void compute_time(const Facts& facts, Report& report) {
  compute_trend(facts, report);
  compute_severity(facts, report);
}

}  // namespace esc
