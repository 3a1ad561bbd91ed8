#include <algorithm>
#include <string_view>
#include <tuple>

#include "esc/analyze/analyzer.hpp"
#include "esc/analyze/facts.hpp"

namespace esc {

double Facts::arr_of(const std::string& account) const {
  auto it = accounts.find(account);
  return it == accounts.end() ? 0 : it->second.arr;
}

bool Facts::churned(const std::string& account) const {
  auto it = accounts.find(account);
  return it != accounts.end() && it->second.outcome == Outcome::churned;
}

const std::vector<std::uint32_t>& AccountSet::ids() const {
  if (!m_distinct) {
    std::sort(m_ids.begin(), m_ids.end());
    m_ids.erase(std::unique(m_ids.begin(), m_ids.end()), m_ids.end());
    m_distinct = true;
  }
  return m_ids;
}

double Facts::arr_of(const AccountSet& set) const {
  double sum = 0;
  for (auto i : set.ids()) sum += account_list[i]->arr;
  return sum;
}

std::size_t Facts::churned_count(const AccountSet& set) const {
  std::size_t n = 0;
  for (auto i : set.ids()) n += account_list[i]->outcome == Outcome::churned ? 1 : 0;
  return n;
}

bool CaseFacts::absent(std::string_view department) const {
  if (digest->attendee_count() == 0) return false;
  for (std::size_t i = 0; i < digest->attendee_count(); ++i)
    if (strings->view(digest->attendee(i)) == department) return false;
  return true;
}

CaseRefIndex Facts::ref_index(const CaseFacts* c) const {
  if (c >= cases.data() && c < cases.data() + cases.size()) return static_cast<CaseRefIndex>(c - cases.data());
  return static_cast<CaseRefIndex>(cases.size() + (c - outside_dates.data()));
}

namespace {

template <typename T, typename V>
bool contains(const std::vector<T>& list, const V& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

CaseRef case_ref(const Case& c) {
  return CaseRef{c.id.value, c.title.value, c.account.id.value, c.opened, c.closed, c.outcome, {}};
}

bool cites_any(const CaseFacts& c, const std::vector<std::string>& causes) {
  if (causes.empty()) return true;
  for (std::size_t i = 0; i < c.code_count(); ++i) {
    std::string_view code = c.code(i);
    for (const auto& wanted : causes)
      if (code == wanted ||
          (code.size() > wanted.size() && code.compare(0, wanted.size(), wanted) == 0 && code[wanted.size()] == '.'))
        return true;
  }
  return false;
}

bool passes_filters(const CaseDigest& digest, const StringPool& strings, const AnalysisOptions& options,
                    bool dates) {
  const Case& c = *digest.source;
  if (dates && options.since && (!c.opened || *c.opened < *options.since)) return false;
  if (dates && options.until && (!c.opened || *c.opened > *options.until)) return false;
  if (!options.segments.empty() && !contains(options.segments, c.account.segment.value)) return false;
  if (!options.accounts.empty() && !contains(options.accounts, c.account.id.value)) return false;
  if (!options.tags.empty()) {
    bool tagged = false;
    for (std::size_t i = 0; i < digest.tag_count() && !tagged; ++i)
      tagged = contains(options.tags, strings.view(digest.tag(i)));
    if (!tagged) return false;
  }
  return true;
}

namespace {

// Adds the cases outside --since/--until to their accounts' histories (only
// accounts with a case inside the dates), keeping each history by (opened, id).
void attach_history(Facts& facts) {
  if (facts.outside_dates.empty()) return;
  std::vector<AccountFacts*> touched;
  for (const CaseFacts& c : facts.outside_dates) {
    auto it = facts.accounts.find(std::string(c.account()));
    if (it == facts.accounts.end()) continue;
    if (it->second.history.size() == it->second.cases.size()) touched.push_back(&it->second);
    it->second.history.push_back(&c);
  }
  for (AccountFacts* a : touched)
    std::stable_sort(a->history.begin(), a->history.end(), [](const CaseFacts* x, const CaseFacts* y) {
      const Case& l = *x->source;
      const Case& r = *y->source;
      return std::make_tuple(l.opened ? l.opened->key() : 0, std::cref(l.id.value)) <
             std::make_tuple(r.opened ? r.opened->key() : 0, std::cref(r.id.value));
    });
}

}  // namespace

Facts collect_facts(const std::vector<const CaseDigest*>& cases, const StringPool& strings, const Taxonomy& taxonomy,
                    const AnalysisOptions& options) {
  Facts facts;
  facts.taxonomy = &taxonomy;
  facts.strings = &strings;
  facts.options = options;
  facts.cases.reserve(cases.size());
  bool dated = options.since || options.until;
  for (const CaseDigest* digest : cases) {
    if (digest->source->opened && options.as_of < *digest->source->opened) {
      ++facts.after_as_of;
      continue;
    }
    if (!passes_filters(*digest, strings, options, false)) continue;
    CaseFacts c{digest->source, digest, &taxonomy, &strings, 0};
    if (!cites_any(c, options.causes)) continue;
    if (!dated || passes_filters(*digest, strings, options))
      facts.cases.push_back(c);
    else
      facts.outside_dates.push_back(c);
  }
  // Cases by (account, opened, id, position) in one contiguous sort, so that
  // each account's cases come together with "the most recently opened" last,
  // and the accounts map is filled in key order without searching it.
  struct Key {
    std::string_view account;
    int opened;
    std::string_view id;
    std::size_t index;
    bool operator<(const Key& o) const {
      return std::tie(account, opened, id, index) < std::tie(o.account, o.opened, o.id, o.index);
    }
  };
  std::vector<Key> order;
  order.reserve(facts.cases.size());
  for (std::size_t i = 0; i < facts.cases.size(); ++i) {
    const Case& c = *facts.cases[i].source;
    order.push_back({c.account.id.value, c.opened ? c.opened->key() : 0, c.id.value, i});
  }
  std::sort(order.begin(), order.end());
  AccountFacts* account = nullptr;
  for (const Key& key : order) {
    const Case& c = *facts.cases[key.index].source;
    if (!account || account->id != key.account) {
      auto it = facts.accounts.emplace_hint(facts.accounts.end(), c.account.id.value, AccountFacts{});
      account = &it->second;
      account->id = c.account.id.value;
      facts.account_list.push_back(account);
    }
    facts.cases[key.index].account_index = static_cast<std::uint32_t>(facts.account_list.size() - 1);
    account->cases.push_back(key.index);
    if (!c.account.name.value.empty()) account->name = c.account.name.value;
    if (!c.account.segment.value.empty()) account->segment = c.account.segment.value;
    if (c.account.arr) account->arr = *c.account.arr;
    if (c.outcome) account->outcome = c.outcome;
  }
  for (auto& [id, a] : facts.accounts) {
    a.cases_by_date = a.cases;  // filled in (opened, id) order above
    std::sort(a.cases.begin(), a.cases.end());
    for (auto i : a.cases_by_date) a.history.push_back(&facts.cases[i]);
  }
  attach_history(facts);
  return facts;
}

void compute_summary(const Facts& facts, Report& report) {
  ReportSummary& s = report.summary;
  s.cases = facts.cases.size();
  s.accounts = facts.accounts.size();
  s.after_as_of = facts.after_as_of;
  for (const auto& c : facts.cases) s.open_cases += c.source->is_open() ? 1 : 0;
  for (const auto& [id, account] : facts.accounts) {
    s.arr_total += account.arr;
    std::optional<Outcome> standing = account_standing(facts, account);
    double& bucket = !standing                              ? s.arr_unknown
                     : *standing == Outcome::churned    ? s.arr_churned
                     : *standing == Outcome::downgraded ? s.arr_downgraded
                     : *standing == Outcome::retained   ? s.arr_retained
                                                        : s.arr_at_risk;
    bucket += account.arr;
  }
}

std::optional<Outcome> account_standing(const Facts& facts, const AccountFacts& account) {
  if (account.outcome && *account.outcome != Outcome::retained) return account.outcome;
  for (auto i : account.cases)
    if (facts.cases[i].source->is_open()) return Outcome::at_risk;
  return account.outcome;
}

Report analyze(const std::vector<const CaseDigest*>& cases, const StringPool& strings, const Taxonomy& taxonomy,
               const AnalysisOptions& options, std::size_t skipped) {
  Facts facts = collect_facts(cases, strings, taxonomy, options);
  Report report;
  report.options = options;
  compute_summary(facts, report);
  report.summary.skipped = skipped;
  report.case_refs.reserve(facts.cases.size() + facts.outside_dates.size());
  for (const auto* list : {&facts.cases, &facts.outside_dates})
    for (const auto& c : *list) {
      report.case_refs.push_back(case_ref(*c.source));
      if (!options.case_codes) continue;
      std::string& codes = report.case_refs.back().codes;
      for (std::size_t i = 0; i < c.code_count(); ++i) codes.append(i ? ";" : "").append(c.code(i));
    }
  compute_causes(facts, report);
  compute_graph_stats(facts, report);
  compute_accounts(facts, report);
  compute_time(facts, report);
  compute_fixes(facts, report);
  compute_churn(facts, report);
  compute_watchlist(facts, report);
  compute_actions(facts, report);
  return report;
}

Report analyze(const std::vector<const Case*>& cases, const Taxonomy& taxonomy, const AnalysisOptions& options,
               std::size_t skipped) {
  StringPool strings;
  std::vector<CaseDigest> digests;
  digests.reserve(cases.size());
  for (const Case* c : cases) digests.push_back(CaseDigest::of(*c, taxonomy, strings));
  std::vector<const CaseDigest*> pointers;
  pointers.reserve(digests.size());
  for (const auto& d : digests) pointers.push_back(&d);
  return analyze(pointers, strings, taxonomy, options, skipped);
}

}  // namespace esc
