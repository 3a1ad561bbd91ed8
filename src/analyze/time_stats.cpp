// trend, severity and fixes (SPEC 5).
#include <algorithm>
#include <set>
#include <tuple>

#include "esc/analyze/facts.hpp"

namespace esc {
namespace {

void compute_trend(const Facts& facts, Report& report) {
  std::map<std::string, std::map<std::string, std::size_t>> by_quarter;
  for (const auto& c : facts.cases) {
    if (!c.source->opened) continue;
    auto& categories = by_quarter[c.source->opened->quarter()];
    std::set<std::string> cited;
    for (const auto& code : c.codes) cited.insert(facts.taxonomy->category_of(*facts.taxonomy->find(code)).code);
    for (const auto& category : cited) ++categories[category];
  }
  for (auto& [quarter, categories] : by_quarter) report.trend.push_back({quarter, std::move(categories)});
}

void compute_severity(const Facts& facts, Report& report) {
  std::map<std::string, std::size_t> inflated_by_account;
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
      inflated_by_account[c.account] += 1;
    }
  }
  for (const auto& [account, n] : inflated_by_account)
    if (n >= 2) report.severity.inflated_accounts.push_back(account);
}

void compute_fixes(const Facts& facts, Report& report) {
  std::map<std::string, Date> fixed;  // code -> earliest closed date of a case with a done action on it
  for (const auto& c : facts.cases) {
    const Case& source = *c.source;
    if (!source.closed) continue;
    for (const auto& action : source.actions) {
      if (action.status != ActionStatus::done || action.cause.value.empty()) continue;
      const TaxonomyEntry* entry = facts.taxonomy->resolve(action.cause.value);
      if (!entry) continue;
      auto it = fixed.find(entry->code);
      if (it == fixed.end() || *source.closed < it->second) fixed[entry->code] = *source.closed;
    }
  }
  for (const auto& [code, date] : fixed) {
    FixStat fix{code, date, 0, 0, {}};
    std::set<std::string> accounts;
    for (const auto& c : facts.cases) {
      if (!c.source->opened || !(*c.source->opened > date)) continue;
      if (std::find(c.codes.begin(), c.codes.end(), code) == c.codes.end()) continue;
      fix.cases_after += 1;
      accounts.insert(c.account);
      fix.recurrences.push_back(case_ref(*c.source));
    }
    fix.accounts_after = accounts.size();
    std::sort(fix.recurrences.begin(), fix.recurrences.end(), [](const CaseRef& a, const CaseRef& b) {
      return std::make_tuple(a.opened->key(), std::cref(a.id)) < std::make_tuple(b.opened->key(), std::cref(b.id));
    });
    report.fixes.push_back(std::move(fix));
  }
  std::sort(report.fixes.begin(), report.fixes.end(), [](const FixStat& a, const FixStat& b) {
    return std::make_tuple(-static_cast<long>(a.cases_after), std::cref(a.code)) <
           std::make_tuple(-static_cast<long>(b.cases_after), std::cref(b.code));
  });
}

}  // namespace

void compute_time(const Facts& facts, Report& report) {
  compute_trend(facts, report);
  compute_severity(facts, report);
  compute_fixes(facts, report);
}

}  // namespace esc
