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
  std::map<int, std::pair<Date, std::map<std::string, std::size_t>>> by_quarter;
  std::vector<const std::string*> cited;
  for (const auto& c : facts.cases) {
    if (!c.source->opened) continue;
    const Date& opened = *c.source->opened;
    auto& slot = by_quarter[opened.year * 4 + (opened.month - 1) / 3];
    slot.first = opened;
    cited.clear();
    for (std::size_t i = 0; i < c.code_count(); ++i) {
      const std::string* category = &facts.taxonomy->category_of(c.entry(i)).code;
      if (std::find(cited.begin(), cited.end(), category) == cited.end()) cited.push_back(category);
    }
    for (const std::string* category : cited) ++slot.second[*category];
  }
  for (auto& [key, slot] : by_quarter) report.trend.push_back({slot.first.quarter(), std::move(slot.second)});
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
