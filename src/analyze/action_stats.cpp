// actions: the action tracker (issue 15), the open follow-up actions of the filtered cases.
#include <algorithm>
#include <tuple>

#include "esc/analyze/facts.hpp"

namespace esc {

void compute_actions(const Facts& facts, Report& report) {
  for (std::size_t i = 0; i < facts.cases.size(); ++i) {
    const CaseFacts& c = facts.cases[i];
    for (std::size_t k = 0; k < c.digest->action_count(); ++k) {
      DigestAction a = c.digest->action(k);
      if (a.status != ActionStatus::open) continue;  // done and dropped ones are history: see fixes
      ActionItem item;
      item.case_ref = static_cast<CaseRefIndex>(i);
      item.action = std::string(facts.strings->view(a.text));
      item.owner = std::string(facts.strings->view(a.owner));
      if (a.cause) item.cause = facts.taxonomy->entries()[*a.cause].code;
      item.due = a.due;
      if (is_overdue(a, facts)) item.days_overdue = facts.options.as_of.day_number() - a.due->day_number();
      report.actions.push_back(std::move(item));
    }
  }
  // Overdue first (the longest overdue first), then by due date (none
  // last); ties by case id and position.
  const auto& refs = report.case_refs;
  auto key = [&refs](const ActionItem& a) {
    int due = a.due ? a.due->key() : 99999999;
    return std::make_tuple(-a.days_overdue, due, std::cref(refs[a.case_ref].id));
  };
  std::stable_sort(report.actions.begin(), report.actions.end(),
                   [&key](const ActionItem& a, const ActionItem& b) { return key(a) < key(b); });
}

}  // namespace esc
