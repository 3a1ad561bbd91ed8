// actions: the action tracker (issue 15), every follow-up action of the filtered cases.
#include <algorithm>
#include <tuple>

#include "esc/analyze/facts.hpp"

namespace esc {

void compute_actions(const Facts& facts, Report& report) {
  for (std::size_t i = 0; i < facts.cases.size(); ++i) {
    const CaseFacts& c = facts.cases[i];
    for (std::size_t k = 0; k < c.digest->action_count(); ++k) {
      DigestAction a = c.digest->action(k);
      ActionItem item;
      item.case_ref = static_cast<CaseRefIndex>(i);
      item.action = std::string(facts.strings->view(a.text));
      item.owner = std::string(facts.strings->view(a.owner));
      if (a.cause) item.cause = facts.taxonomy->entries()[*a.cause].code;
      item.due = a.due;
      item.done = a.done;
      item.status = a.status;
      if (is_overdue(a, facts)) item.days_overdue = facts.options.as_of.day_number() - a.due->day_number();
      report.actions.push_back(std::move(item));
    }
  }
  // Overdue first (the longest overdue first), then open ones by due date
  // (none last), then done and dropped; ties by case id and position.
  const auto& refs = report.case_refs;
  auto key = [&refs](const ActionItem& a) {
    int group = a.days_overdue > 0 ? 0 : a.status == ActionStatus::open ? 1 : 2;
    int due = a.due ? a.due->key() : 99999999;
    return std::make_tuple(group, -a.days_overdue, due, std::cref(refs[a.case_ref].id));
  };
  std::stable_sort(report.actions.begin(), report.actions.end(),
                   [&key](const ActionItem& a, const ActionItem& b) { return key(a) < key(b); });
}

}  // namespace esc
