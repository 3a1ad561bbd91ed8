// report --account ID: one account's part of the whole set's analysis.
#include "esc/analyze/account_view.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "esc/analyze/facts.hpp"

namespace esc {
namespace {

constexpr std::size_t k_max_chains = 12;  // per escalation: a slide, not an inventory

// Every path from a cause nothing led to, along the case's links, to a cause
// that led to nothing (loops cut where they close).
std::vector<std::vector<std::string>> chains_of(const CaseFacts& c) {
  std::size_t n = c.code_count();
  std::vector<std::vector<std::uint32_t>> next(n);
  std::vector<std::size_t> incoming(n, 0);
  for (std::size_t i = 0; i < c.edge_count(); ++i) {
    DigestEdge e = c.edge(i);
    next[e.from].push_back(e.to);
    ++incoming[e.to];
  }
  std::vector<std::vector<std::string>> out;
  std::vector<std::uint32_t> path;
  std::function<void(std::uint32_t)> walk = [&](std::uint32_t at) {
    if (out.size() >= k_max_chains) return;
    path.push_back(at);
    bool extended = false;
    for (std::uint32_t to : next[at])
      if (std::find(path.begin(), path.end(), to) == path.end()) {
        extended = true;
        walk(to);
      }
    if (!extended && path.size() >= 2 && out.size() < k_max_chains) {
      std::vector<std::string> codes;
      for (std::uint32_t i : path) codes.emplace_back(c.code(i));
      out.push_back(std::move(codes));
    }
    path.pop_back();
  };
  for (std::uint32_t i = 0; i < n; ++i)
    if (incoming[i] == 0 && !next[i].empty()) walk(i);
  return out;
}

AccountEscalation escalation_of(const CaseFacts& c, const Facts& facts) {
  const Case& source = *c.source;
  AccountEscalation e;
  e.id = source.id.value;
  e.title = source.title.value;
  e.file_index = source.file_index;
  e.document = source.document;
  e.opened = source.opened;
  e.closed = source.closed;
  e.outcome = source.outcome;
  e.severity_claimed = source.severity_claimed;
  e.severity_assessed = source.severity_assessed;
  for (std::size_t i = 0; i < c.code_count(); ++i) e.causes.push_back({std::string(c.code(i)), c.confidence(i)});
  e.chains = chains_of(c);
  for (std::size_t i = 0; i < c.digest->action_count(); ++i) {
    DigestAction a = c.digest->action(i);
    AccountAction out;
    out.text = std::string(c.strings->view(a.text));
    out.owner = std::string(c.strings->view(a.owner));
    if (a.cause) out.cause = c.taxonomy->entries()[*a.cause].code;
    out.due = a.due;
    out.done = a.done;
    out.status = a.status;
    out.overdue = is_overdue(a, facts);
    e.actions.push_back(std::move(out));
  }
  return e;
}

}  // namespace

std::optional<AccountView> account_view(const Report& whole, const std::vector<const CaseDigest*>& cases,
                                        const StringPool& strings, const Taxonomy& taxonomy,
                                        const std::string& account_id) {
  AnalysisOptions options = whole.options;
  options.accounts = {account_id};
  Facts facts = collect_facts(cases, strings, taxonomy, options);  // only this account's: cheap to keep
  auto found = facts.accounts.find(account_id);
  if (found == facts.accounts.end() || found->second.cases_by_date.empty()) return std::nullopt;
  const AccountFacts& account = found->second;

  AccountView view;
  view.id = account.id;
  view.name = account.name;
  view.segment = account.segment;
  view.arr = account.arr;
  view.outcome = account.outcome;
  view.options = whole.options;
  view.set_cases = whole.summary.cases;
  view.set_accounts = whole.summary.accounts;
  for (std::size_t index : account.cases_by_date) view.escalations.push_back(escalation_of(facts.cases[index], facts));
  view.third_strike = view.escalations.size() >= 3;

  std::map<std::string, AccountCauseFix> hit;
  for (const auto& e : view.escalations)
    for (const auto& cause : e.causes) {
      AccountCauseFix& f = hit[cause.code];
      f.code = cause.code;
      ++f.escalations;
      if (e.opened && (!f.first || *e.opened < *f.first)) f.first = e.opened;
      if (e.opened && (!f.last || *f.last < *e.opened)) f.last = e.opened;
    }
  for (const auto& fix : whole.fixes) {
    auto it = hit.find(fix.code);
    if (it == hit.end()) continue;
    it->second.fix = fix;
    it->second.fix->recurrences.clear();  // indices into the whole report, which the view does not carry
    for (const auto& e : view.escalations)
      if (e.opened && fix.fixed < *e.opened)
        for (const auto& cause : e.causes)
          if (cause.code == fix.code) ++it->second.here_after_fix;
  }
  for (auto& [code, f] : hit) view.causes.push_back(std::move(f));
  std::stable_sort(view.causes.begin(), view.causes.end(), [](const AccountCauseFix& a, const AccountCauseFix& b) {
    return std::tie(b.escalations, a.code) < std::tie(a.escalations, b.code);
  });
  return view;
}

}  // namespace esc
