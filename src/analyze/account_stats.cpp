// repeat_accounts, departments and segments (SPEC 5).
#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>

#include "esc/analyze/facts.hpp"

namespace esc {

bool is_overdue(const DigestAction& action, const Facts& facts) {
  return action.status == ActionStatus::open && action.due && *action.due < facts.options.as_of;
}

namespace {

// Over each account's whole history: under --since/--until an account's
// earlier escalations still count towards its third strike.
void compute_repeat_accounts(const Facts& facts, Report& report) {
  for (const auto& [id, account] : facts.accounts) {
    if (account.history.size() < 2) continue;
    std::map<std::string_view, std::size_t> cited;
    for (const CaseFacts* c : account.history)
      for (std::size_t k = 0; k < c->code_count(); ++k) ++cited[c->code(k)];
    RepeatAccount repeat;
    repeat.account = id;
    repeat.name = account.name;
    repeat.cases = account.history.size();
    for (const auto& [code, n] : cited)
      if (n >= 2) repeat.recurring.emplace_back(code);
    repeat.third_strike = repeat.cases >= 3;
    repeat.outcome = account.outcome;
    repeat.escalations.reserve(account.history.size());
    for (const CaseFacts* c : account.history) repeat.escalations.push_back(facts.ref_index(c));
    report.repeat_accounts.push_back(std::move(repeat));
  }
  std::sort(report.repeat_accounts.begin(), report.repeat_accounts.end(),
            [](const RepeatAccount& a, const RepeatAccount& b) {
              return std::make_tuple(-static_cast<long>(a.cases), std::cref(a.account)) <
                     std::make_tuple(-static_cast<long>(b.cases), std::cref(b.account));
            });
}

void compute_account_list(const Facts& facts, Report& report) {
  for (const auto& [id, account] : facts.accounts) {
    AccountStat stat{id, account.name, account.segment, account.arr, account.outcome, account.cases.size(), 0, 0};
    for (auto i : account.cases) {
      const CaseFacts& c = facts.cases[i];
      stat.open_cases += c.source->is_open() ? 1 : 0;
      for (std::size_t k = 0; k < c.digest->action_count(); ++k) stat.actions_overdue += is_overdue(c.digest->action(k), facts) ? 1 : 0;
    }
    report.accounts.push_back(std::move(stat));
  }
  std::sort(report.accounts.begin(), report.accounts.end(), [](const AccountStat& a, const AccountStat& b) {
    return std::make_tuple(-static_cast<long>(a.cases), -a.arr, std::cref(a.id)) <
           std::make_tuple(-static_cast<long>(b.cases), -b.arr, std::cref(b.id));
  });
}

struct DepartmentTally {
  std::set<std::string_view> codes;
  std::size_t cases = 0;
  AccountSet accounts;
  std::size_t actions_open = 0, actions_overdue = 0, owner_absent = 0;
  bool listed = false;
};

void compute_departments(const Facts& facts, Report& report) {
  std::map<std::string_view, DepartmentTally> tally;
  std::vector<std::string_view> owners;  // distinct, per case; cases have a handful
  for (const auto& c : facts.cases) {
    owners.clear();
    for (std::size_t i = 0; i < c.code_count(); ++i) {
      std::string_view owner = c.owner(i);
      tally[owner].codes.insert(c.code(i));
      if (std::find(owners.begin(), owners.end(), owner) == owners.end()) owners.push_back(owner);
    }
    const CaseDigest& digest = *c.digest;
    for (std::string_view owner : owners) {
      DepartmentTally& t = tally[owner];
      t.listed = true;
      t.cases += 1;
      t.accounts.insert(c.account_index);
      if (c.absent(owner)) t.owner_absent += 1;
    }
    for (std::size_t i = 0; i < digest.action_count(); ++i) {
      DigestAction action = digest.action(i);
      DepartmentTally& t = tally[facts.strings->view(action.owner)];
      t.listed = true;
      if (action.status != ActionStatus::open) continue;
      t.actions_open += 1;
      if (is_overdue(action, facts)) t.actions_overdue += 1;
    }
  }
  for (const auto& [id, t] : tally) {
    if (!t.listed || id.empty()) continue;
    const Department* department = facts.taxonomy->find_department(id);
    DepartmentStat stat;
    stat.id = std::string(id);
    stat.title = department ? department->title : stat.id;
    stat.causes = t.codes.size();
    stat.cases = t.cases;
    stat.accounts = t.accounts.size();
    stat.arr = facts.arr_of(t.accounts);
    stat.actions_open = t.actions_open;
    stat.actions_overdue = t.actions_overdue;
    stat.owner_absent = t.owner_absent;
    report.departments.push_back(std::move(stat));
  }
  std::sort(report.departments.begin(), report.departments.end(), [](const DepartmentStat& a, const DepartmentStat& b) {
    return std::make_tuple(-static_cast<long>(a.cases), std::cref(a.id)) <
           std::make_tuple(-static_cast<long>(b.cases), std::cref(b.id));
  });
}

void compute_segments(const Facts& facts, Report& report) {
  struct SegmentTally {
    std::size_t cases = 0;
    AccountSet accounts;
    std::map<std::string_view, std::size_t> codes;
  };
  std::map<std::string, SegmentTally> tally;
  for (const auto& c : facts.cases) {
    static const std::string none = "(none)";
    const std::string& segment = c.source->account.segment.value;
    SegmentTally& t = tally[segment.empty() ? none : segment];
    t.cases += 1;
    t.accounts.insert(c.account_index);
    for (std::size_t i = 0; i < c.code_count(); ++i) ++t.codes[c.code(i)];
  }
  for (const auto& [segment, t] : tally) {
    std::vector<std::pair<std::string_view, std::size_t>> codes(t.codes.begin(), t.codes.end());
    std::stable_sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    SegmentStat stat{segment, t.cases, t.accounts.size(), {}};
    for (std::size_t i = 0; i < codes.size() && i < 3; ++i) stat.top_causes.emplace_back(codes[i].first);
    report.segments.push_back(std::move(stat));
  }
  std::sort(report.segments.begin(), report.segments.end(), [](const SegmentStat& a, const SegmentStat& b) {
    return std::make_tuple(-static_cast<long>(a.cases), std::cref(a.segment)) <
           std::make_tuple(-static_cast<long>(b.cases), std::cref(b.segment));
  });
}

}  // namespace

void compute_accounts(const Facts& facts, Report& report) {
  compute_repeat_accounts(facts, report);
  compute_account_list(facts, report);
  compute_departments(facts, report);
  compute_segments(facts, report);
}

}  // namespace esc
