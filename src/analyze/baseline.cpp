// Change since last time: two report snapshots compared figure by figure.
#include "esc/analyze/baseline.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "esc/analyze/report.hpp"

namespace esc {
namespace {

std::string list_text(const std::vector<std::string>& values) {
  return values.empty() ? std::string("all") : fmt::format("{}", fmt::join(values, ", "));
}

std::string date_text(const std::optional<std::string>& date) {
  return date ? *date : std::string("none");
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// The filters that differ, one line each: "--until: 2025-03-31 then, none now".
std::vector<std::string> filter_differences(const SnapshotFilters& then, const SnapshotFilters& now) {
  std::vector<std::string> out;
  auto differ = [&out](const char* option, const std::string& a, const std::string& b) {
    if (a != b) out.push_back(fmt::format("{}: {} then, {} now", option, a, b));
  };
  differ("--since", date_text(then.since), date_text(now.since));
  differ("--until", date_text(then.until), date_text(now.until));
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  differ("--segment", list_text(sorted(then.segments)), list_text(sorted(now.segments)));
  differ("--account", list_text(sorted(then.accounts)), list_text(sorted(now.accounts)));
  differ("--tag", list_text(sorted(then.tags)), list_text(sorted(now.tags)));
  differ("--cause", list_text(sorted(then.causes)), list_text(sorted(now.causes)));
  if (then.min_accounts && now.min_accounts)
    differ("--min-accounts", number_text(*then.min_accounts), number_text(*now.min_accounts));
  return out;
}

Change change(const std::string& key, double then, double now, Direction direction, bool money) {
  return Change{key, then, now, now - then, direction, money};
}

// Every item of either list: the new report's order, then the gone ones.
std::vector<ItemChange> compare_items(const std::vector<SnapshotItem>& then, const std::vector<SnapshotItem>& now,
                                      const std::vector<std::string>& columns) {
  std::map<std::string, const SnapshotItem*> then_by_id;
  for (const auto& item : then) then_by_id.emplace(item.id, &item);
  auto value = [](const SnapshotItem* item, const std::string& key) {
    if (!item) return 0.0;
    auto it = item->values.find(key);
    return it == item->values.end() ? 0.0 : it->second;
  };
  auto compare_one = [&](const SnapshotItem* old_item, const SnapshotItem* new_item) {
    ItemChange out;
    const SnapshotItem& any = new_item ? *new_item : *old_item;
    out.id = any.id;
    out.title = any.title.empty() && old_item ? old_item->title : any.title;
    for (const auto& key : columns)
      out.values.push_back(
          change(key, value(old_item, key), value(new_item, key), Direction::more_is_worse, key == "arr"));
    bool moved = std::any_of(out.values.begin(), out.values.end(), [](const Change& c) { return c.delta != 0; });
    out.status = !old_item   ? ItemChange::Status::added
                 : !new_item ? ItemChange::Status::gone
                 : moved     ? ItemChange::Status::changed
                             : ItemChange::Status::same;
    return out;
  };
  // A row that is zero then and now (a department the taxonomy lists but no case cites) says nothing.
  std::vector<ItemChange> out;
  auto keep = [&out](ItemChange item) {
    bool all_zero =
        std::all_of(item.values.begin(), item.values.end(), [](const Change& c) { return c.then == 0 && c.now == 0; });
    if (!all_zero) out.push_back(std::move(item));
  };
  std::set<std::string> seen;
  for (const auto& item : now) {
    auto it = then_by_id.find(item.id);
    keep(compare_one(it == then_by_id.end() ? nullptr : it->second, &item));
    seen.insert(item.id);
  }
  for (const auto& item : then)
    if (seen.insert(item.id).second) keep(compare_one(&item, nullptr));
  return out;
}

}  // namespace

const std::vector<FigureInfo>& baseline_figures() {
  static const std::vector<FigureInfo> figures{{"cases", "escalations", Direction::more_is_worse, false},
                                               {"accounts", "accounts", Direction::more_is_worse, false},
                                               {"open_cases", "still open", Direction::more_is_worse, false},
                                               {"arr_lost", "ARR lost", Direction::more_is_worse, true},
                                               {"arr_churned", "ARR churned", Direction::more_is_worse, true},
                                               {"arr_downgraded", "ARR downgraded", Direction::more_is_worse, true},
                                               {"arr_at_risk", "ARR at risk", Direction::more_is_worse, true},
                                               {"arr_retained", "ARR retained", Direction::more_is_better, true},
                                               {"arr_total", "ARR of all accounts", Direction::neutral, true},
                                               {"repeat_accounts", "repeat accounts", Direction::more_is_worse, false},
                                               {"third_strikes", "on a third strike", Direction::more_is_worse, false},
                                               {"overdue_actions", "overdue actions", Direction::more_is_worse, false}};
  return figures;
}

std::string to_string(ItemChange::Status status) {
  switch (status) {
    case ItemChange::Status::same:
      return "same";
    case ItemChange::Status::changed:
      return "changed";
    case ItemChange::Status::added:
      return "new";
    case ItemChange::Status::gone:
      return "gone";
  }
  return "same";
}

const std::vector<std::string>& cause_columns() {
  static const std::vector<std::string> columns{"cases", "accounts", "arr"};
  return columns;
}

const std::vector<std::string>& department_columns() {
  static const std::vector<std::string> columns{"cases", "accounts", "arr", "actions_overdue"};
  return columns;
}

ReportSnapshot snapshot_of(const Report& r) {
  ReportSnapshot s;
  const AnalysisOptions& o = r.options;
  s.as_of = o.as_of.to_string();
  if (o.since) s.filters.since = o.since->to_string();
  if (o.until) s.filters.until = o.until->to_string();
  s.filters.segments = o.segments;
  s.filters.accounts = o.accounts;
  s.filters.tags = o.tags;
  s.filters.causes = o.causes;
  s.filters.min_accounts = static_cast<double>(o.min_accounts);
  const ReportSummary& m = r.summary;
  std::size_t third = 0, overdue = 0;
  for (const auto& a : r.repeat_accounts) third += a.third_strike ? 1 : 0;
  for (const auto& d : r.departments) overdue += d.actions_overdue;
  s.figures = {{"cases", static_cast<double>(m.cases)},
               {"accounts", static_cast<double>(m.accounts)},
               {"open_cases", static_cast<double>(m.open_cases)},
               {"arr_lost", m.arr_churned + m.arr_downgraded},
               {"arr_churned", m.arr_churned},
               {"arr_downgraded", m.arr_downgraded},
               {"arr_at_risk", m.arr_at_risk},
               {"arr_retained", m.arr_retained},
               {"arr_total", m.arr_total},
               {"repeat_accounts", static_cast<double>(r.repeat_accounts.size())},
               {"third_strikes", static_cast<double>(third)},
               {"overdue_actions", static_cast<double>(overdue)}};
  for (const auto& c : r.causes)
    s.causes.push_back(SnapshotItem{
        c.code,
        c.title,
        {{"cases", static_cast<double>(c.cases)}, {"accounts", static_cast<double>(c.accounts)}, {"arr", c.arr}}});
  for (const auto& d : r.departments)
    s.departments.push_back(SnapshotItem{d.id,
                                         d.title,
                                         {{"cases", static_cast<double>(d.cases)},
                                          {"accounts", static_cast<double>(d.accounts)},
                                          {"arr", d.arr},
                                          {"actions_overdue", static_cast<double>(d.actions_overdue)}}});
  return s;
}

BaselineComparison compare_to_baseline(const ReportSnapshot& then, const ReportSnapshot& now, const std::string& file) {
  BaselineComparison out;
  out.file = file;
  out.as_of = then.as_of;
  out.filter_differences = filter_differences(then.filters, now.filters);
  for (const auto& figure : baseline_figures()) {
    auto a = then.figures.find(figure.key);
    auto b = now.figures.find(figure.key);
    if (a != then.figures.end() && b != now.figures.end())
      out.figures.push_back(change(figure.key, a->second, b->second, figure.direction, figure.money));
  }
  out.causes = compare_items(then.causes, now.causes, cause_columns());
  out.departments = compare_items(then.departments, now.departments, department_columns());
  return out;
}

}  // namespace esc
