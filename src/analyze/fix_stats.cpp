// fixes: did the fix hold? (SPEC 5 as superseded by issue 14)
#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

#include "esc/analyze/facts.hpp"
#include "esc/analyze/statistics.hpp"

namespace esc {

std::string_view to_string(FixVerdict verdict) {
  switch (verdict) {
    case FixVerdict::held: return "held";
    case FixVerdict::did_not_hold: return "did-not-hold";
    case FixVerdict::too_early: return "too-early";
  }
  return "too-early";
}

namespace {

constexpr long k_min_days_after = 90;  // a quarter: less is too early to tell
constexpr double k_alpha = 0.05;

// When a done action was completed: its `done` date, else its `due`, else
// its case's `closed`.
std::optional<Date> completed(const DigestAction& action, const Case& c) {
  if (action.done) return action.done;
  if (action.due) return action.due;
  return c.closed;
}

// code (the taxonomy's) -> the earliest completion of a done action on it.
std::map<std::string_view, Date> fix_dates(const Facts& facts) {
  std::map<std::string_view, Date> fixed;
  for (const auto& c : facts.cases)
    for (std::size_t i = 0; i < c.digest->action_count(); ++i) {
      DigestAction action = c.digest->action(i);
      if (action.status != ActionStatus::done || !action.cause) continue;
      std::optional<Date> date = completed(action, *c.source);
      if (!date) continue;
      std::string_view code = facts.taxonomy->entries()[*action.cause].code;
      auto it = fixed.find(code);
      if (it == fixed.end() || *date < it->second) fixed[code] = *date;
    }
  return fixed;
}

struct Counts {
  std::optional<Date> first;  // the first case citing the code
  std::size_t before = 0, after = 0;
  AccountSet accounts_after;
  std::vector<CaseRefIndex> recurrences;
};

// `observed_to`: the end of the after window (see compute_fixes).
void judge(FixStat& fix, const Counts& counts, const Date& observed_to) {
  fix.days_after = std::max(0L, observed_to.day_number() - fix.fixed.day_number());
  fix.days_before = counts.first ? std::max(0L, fix.fixed.day_number() - counts.first->day_number() + 1) : 0;
  if (fix.days_before <= 0 || fix.days_after <= 0) return;  // nothing to compare: too early
  RateComparison test = compare_rates(fix.cases_before, static_cast<double>(fix.days_before), fix.cases_after,
                                      static_cast<double>(fix.days_after));
  fix.rate_ratio = test.rate_ratio;
  fix.rr_lo = test.rate_ratio_ci.lo;
  fix.rr_hi = test.rate_ratio_ci.hi;
  fix.p_value = test.p_value;
  if (fix.days_after < k_min_days_after || test.best_p_value >= k_alpha)
    fix.verdict = FixVerdict::too_early;  // too little time, or too few cases expected, to tell
  else
    fix.verdict = test.p_value < k_alpha ? FixVerdict::held : FixVerdict::did_not_hold;
}

}  // namespace

void compute_fixes(const Facts& facts, Report& report) {
  std::map<std::string_view, Date> fixed = fix_dates(facts);
  if (fixed.empty()) return;
  std::map<std::string_view, Counts> counts;
  for (std::size_t i = 0; i < facts.cases.size(); ++i) {
    const CaseFacts& c = facts.cases[i];
    if (!c.source->opened) continue;
    const Date& opened = *c.source->opened;
    for (std::size_t k = 0; k < c.code_count(); ++k) {
      auto it = fixed.find(c.code(k));
      if (it == fixed.end()) continue;
      Counts& n = counts[it->first];
      if (!n.first || opened < *n.first) n.first = opened;
      if (opened <= it->second) {
        n.before += 1;
      } else {
        n.after += 1;
        n.accounts_after.insert(c.account_index);
        n.recurrences.push_back(static_cast<CaseRefIndex>(i));
      }
    }
  }
  // The after window ends where the data does: at the last case opened in
  // the report, or at --as-of if that is earlier. Days after the newest case
  // of an export are not observed, and counting them as quiet days would make
  // every fix look as if it held.
  Date observed_to = facts.options.as_of;
  std::optional<Date> newest;
  for (const auto& c : facts.cases)
    if (c.source->opened && (!newest || *newest < *c.source->opened)) newest = c.source->opened;
  if (newest && *newest < observed_to) observed_to = *newest;
  const auto& refs = report.case_refs;
  for (const auto& [code, date] : fixed) {
    FixStat fix;
    fix.code = std::string(code);
    fix.fixed = date;
    Counts& n = counts[code];
    fix.cases_before = n.before;
    fix.cases_after = n.after;
    fix.accounts_after = n.accounts_after.size();
    fix.arr_after = facts.arr_of(n.accounts_after);
    fix.recurrences = std::move(n.recurrences);
    std::sort(fix.recurrences.begin(), fix.recurrences.end(), [&refs](CaseRefIndex a, CaseRefIndex b) {
      const CaseRef& x = refs[a];
      const CaseRef& y = refs[b];
      return std::make_tuple(x.opened->key(), std::cref(x.id)) < std::make_tuple(y.opened->key(), std::cref(y.id));
    });
    judge(fix, n, observed_to);
    report.fixes.push_back(std::move(fix));
  }
  std::sort(report.fixes.begin(), report.fixes.end(), [](const FixStat& a, const FixStat& b) {
    return std::make_tuple(-static_cast<long>(a.cases_after), std::cref(a.code)) <
           std::make_tuple(-static_cast<long>(b.cases_after), std::cref(b.code));
  });
}

}  // namespace esc
