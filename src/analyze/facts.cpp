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

namespace {

template <typename T, typename V>
bool contains(const std::vector<T>& list, const V& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

CaseFacts reduce_case(const Case& c, const Taxonomy& taxonomy) {
  CaseFacts facts;
  facts.source = &c;
  facts.account = c.account.id.value;
  std::vector<const Cause*> kept;
  for (const auto& cause : c.causes) {
    const TaxonomyEntry* entry = taxonomy.resolve(cause.code.value);
    if (!entry || contains(facts.codes, entry->code)) continue;
    facts.codes.push_back(entry->code);
    facts.owners.push_back(cause.owner.value.empty() ? std::string_view(entry->owner) : cause.owner.value);
    facts.confirmed.push_back(cause.confidence == Confidence::confirmed);
    facts.is_root.push_back(cause.caused_by.empty());
    kept.push_back(&cause);
  }
  auto index_of = [&](const std::string& code) -> std::optional<std::size_t> {
    const TaxonomyEntry* entry = taxonomy.resolve(code);
    if (!entry) return std::nullopt;
    auto it = std::find(facts.codes.begin(), facts.codes.end(), entry->code);
    if (it == facts.codes.end()) return std::nullopt;
    return static_cast<std::size_t>(it - facts.codes.begin());
  };
  for (std::size_t to = 0; to < kept.size(); ++to)
    for (const auto& link : kept[to]->caused_by)
      if (auto from = index_of(link.value)) {
        std::pair<std::size_t, std::size_t> edge{*from, to};
        if (std::find(facts.edges.begin(), facts.edges.end(), edge) == facts.edges.end()) facts.edges.push_back(edge);
      }
  return facts;
}

}  // namespace

CaseRef case_ref(const Case& c) {
  return CaseRef{c.id.value, c.title.value, c.account.id.value, c.opened, c.closed, c.outcome};
}

bool cites_any(const CaseFacts& c, const std::vector<std::string>& causes) {
  if (causes.empty()) return true;
  for (const auto& code : c.codes)
    for (const auto& wanted : causes)
      if (code == wanted || (code.size() > wanted.size() && code.compare(0, wanted.size(), wanted) == 0 &&
                             code[wanted.size()] == '.'))
        return true;
  return false;
}

bool passes_filters(const Case& c, const AnalysisOptions& options) {
  if (options.since && (!c.opened || *c.opened < *options.since)) return false;
  if (options.until && (!c.opened || *c.opened > *options.until)) return false;
  if (!options.segments.empty() && !contains(options.segments, c.account.segment.value)) return false;
  if (!options.accounts.empty() && !contains(options.accounts, c.account.id.value)) return false;
  if (!options.tags.empty() &&
      std::none_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) { return contains(options.tags, t); }))
    return false;
  return true;
}

Facts collect_facts(const std::vector<const Case*>& cases, const Taxonomy& taxonomy, const AnalysisOptions& options) {
  Facts facts;
  facts.taxonomy = &taxonomy;
  facts.options = options;
  facts.cases.reserve(cases.size());
  for (const Case* c : cases) {
    if (!passes_filters(*c, options)) continue;
    CaseFacts reduced = reduce_case(*c, taxonomy);
    if (cites_any(reduced, options.causes)) facts.cases.push_back(std::move(reduced));
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
  }
  return facts;
}

void compute_summary(const Facts& facts, Report& report) {
  report.summary.cases = facts.cases.size();
  report.summary.accounts = facts.accounts.size();
  for (const auto& c : facts.cases) report.summary.open_cases += c.source->is_open() ? 1 : 0;
  for (const auto& [id, account] : facts.accounts) report.summary.arr_total += account.arr;
}

Report analyze(const std::vector<const Case*>& cases, const Taxonomy& taxonomy, const AnalysisOptions& options,
               std::size_t skipped) {
  Facts facts = collect_facts(cases, taxonomy, options);
  Report report;
  report.options = options;
  compute_summary(facts, report);
  report.summary.skipped = skipped;
  report.case_refs.reserve(facts.cases.size());
  for (const auto& c : facts.cases) report.case_refs.push_back(case_ref(*c.source));
  compute_causes(facts, report);
  compute_graph_stats(facts, report);
  compute_accounts(facts, report);
  compute_time(facts, report);
  return report;
}

}  // namespace esc
