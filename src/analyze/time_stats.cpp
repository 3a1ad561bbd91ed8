// trend, severity and fixes (SPEC 5).
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

void compute_fixes(const Facts& facts, Report& report) {
  // code (the taxonomy's) -> earliest closed date of a case with a done action on it
  std::map<std::string_view, Date> fixed;
  for (const auto& c : facts.cases) {
    const Case& source = *c.source;
    if (!source.closed) continue;
    for (std::size_t i = 0; i < c.digest->action_count(); ++i) {
      DigestAction action = c.digest->action(i);
      if (action.status != ActionStatus::done || !action.cause) continue;
      const std::string& code = facts.taxonomy->entries()[*action.cause].code;
      auto it = fixed.find(code);
      if (it == fixed.end() || *source.closed < it->second) fixed[code] = *source.closed;
    }
  }
  // One pass over the cases: for each cited code that was fixed, count the
  // cases opened after the fix.
  struct After {
    std::size_t cases = 0;
    AccountSet accounts;
    std::vector<CaseRefIndex> recurrences;
  };
  std::map<std::string_view, After> after;
  for (std::size_t i = 0; i < facts.cases.size(); ++i) {
    const CaseFacts& c = facts.cases[i];
    if (!c.source->opened) continue;
    for (std::size_t k = 0; k < c.code_count(); ++k) {
      std::string_view code = c.code(k);
      auto it = fixed.find(code);
      if (it == fixed.end() || !(*c.source->opened > it->second)) continue;
      auto& entry = after[code];
      entry.cases += 1;
      entry.accounts.insert(c.account_index);
      entry.recurrences.push_back(static_cast<CaseRefIndex>(i));
    }
  }
  for (const auto& [code, date] : fixed) {
    FixStat fix{std::string(code), date, 0, 0, {}};
    auto it = after.find(code);
    if (it != after.end()) {
      fix.cases_after = it->second.cases;
      fix.accounts_after = it->second.accounts.size();
      fix.recurrences = std::move(it->second.recurrences);
      const auto& refs = report.case_refs;
      std::sort(fix.recurrences.begin(), fix.recurrences.end(), [&refs](CaseRefIndex a, CaseRefIndex b) {
        const CaseRef& x = refs[a];
        const CaseRef& y = refs[b];
        return std::make_tuple(x.opened->key(), std::cref(x.id)) < std::make_tuple(y.opened->key(), std::cref(y.id));
      });
    }
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
