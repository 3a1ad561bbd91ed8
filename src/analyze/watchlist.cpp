// watchlist: the proactive autopsy, accounts to act on before the next escalation (issue 14).
#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "esc/analyze/facts.hpp"

namespace esc {
namespace {

constexpr double k_significant = 0.05;
constexpr std::size_t k_churn_causes = 2;  // at most this many churn-linked causes count towards the risk

// A reason and its weight in the risk score (see man esc-autopsy-report).
struct Reason {
  double weight;
  std::string text;
};

void escalation_reason(const AccountFacts& account, std::vector<Reason>& out) {
  std::size_t n = account.history.size();
  if (n >= 3) out.push_back({2, fmt::format("escalation #{} (third strike)", n)});
  if (n == 2) out.push_back({1, "escalation #2"});
}

void churn_reasons(const AccountFacts& account, const std::map<std::string_view, const CauseStat*>& causes,
                   std::vector<Reason>& out) {
  std::vector<const CauseStat*> linked;
  for (const CaseFacts* c : account.history)
    for (std::size_t k = 0; k < c->code_count(); ++k) {
      auto it = causes.find(c->code(k));
      if (it == causes.end() || !(it->second->churn.q_value < k_significant) || !it->second->churn.relative_risk)
        continue;
      if (std::find(linked.begin(), linked.end(), it->second) == linked.end()) linked.push_back(it->second);
    }
  std::sort(linked.begin(), linked.end(), [](const CauseStat* a, const CauseStat* b) {
    return std::make_tuple(a->churn.q_value, std::cref(a->code)) < std::make_tuple(b->churn.q_value, std::cref(b->code));
  });
  for (std::size_t i = 0; i < linked.size(); ++i)
    out.push_back({i < k_churn_causes ? 1.0 : 0.0,
                   fmt::format("cites {}, whose accounts churn {:.1f}x as often (q = {:.3f})", linked[i]->code,
                               *linked[i]->churn.relative_risk, linked[i]->churn.q_value)});
}

void case_reasons(const Facts& facts, const AccountFacts& account, std::vector<Reason>& out) {
  std::size_t overdue = 0;
  std::vector<std::string_view> pending, absent;
  for (auto i : account.cases_by_date) {
    const CaseFacts& c = facts.cases[i];
    for (std::size_t k = 0; k < c.digest->action_count(); ++k) overdue += is_overdue(c.digest->action(k), facts) ? 1 : 0;
    if (c.source->is_open() && c.code_count() == 0) pending.push_back(c.source->id.value);
    for (std::size_t k = 0; k < c.code_count(); ++k)
      if (c.absent(c.owner(k)) && std::find(absent.begin(), absent.end(), c.owner(k)) == absent.end())
        absent.push_back(c.owner(k));
  }
  if (overdue > 0) out.push_back({1, fmt::format("{} overdue action{}", overdue, overdue == 1 ? "" : "s")});
  if (!pending.empty()) out.push_back({1, fmt::format("autopsy pending ({})", fmt::join(pending, ", "))});
  if (!absent.empty()) out.push_back({0.5, fmt::format("owner absent from its review: {}", fmt::join(absent, ", "))});
}

}  // namespace

void compute_watchlist(const Facts& facts, Report& report) {
  std::map<std::string_view, const CauseStat*> causes;
  for (const auto& c : report.causes) causes[c.code] = &c;
  for (const auto& [id, account] : facts.accounts) {
    std::optional<Outcome> standing = account_standing(facts, account);
    if (standing != Outcome::open && standing != Outcome::at_risk) continue;
    std::vector<Reason> reasons;
    escalation_reason(account, reasons);
    churn_reasons(account, causes, reasons);
    case_reasons(facts, account, reasons);
    if (reasons.empty()) continue;
    std::stable_sort(reasons.begin(), reasons.end(), [](const Reason& a, const Reason& b) { return a.weight > b.weight; });
    WatchItem item{id, account.name, account.arr, account.history.size(), {}, 0, 0};
    for (auto& r : reasons) {
      item.risk += r.weight;
      item.reasons.push_back(std::move(r.text));
    }
    item.score = item.arr * item.risk;
    report.watchlist.push_back(std::move(item));
  }
  std::sort(report.watchlist.begin(), report.watchlist.end(), [](const WatchItem& a, const WatchItem& b) {
    return std::make_tuple(-a.score, -a.risk, std::cref(a.account)) <
           std::make_tuple(-b.score, -b.risk, std::cref(b.account));
  });
}

}  // namespace esc
