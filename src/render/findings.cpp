// The report's headline findings (issue 14): data with evidence, ranked.
#include "esc/render/findings.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace esc {
namespace {

constexpr double k_alpha = 0.05;
constexpr std::size_t k_per_kind = 2;

// Names causes, departments and accounts as the caller asked (ids by default).
class Namer {
 public:
  explicit Namer(const FindingNames& names) : m_names(names) {}
  std::string cause(const std::string& code) const { return apply(m_names.cause, code); }
  std::string department(const std::string& id) const { return apply(m_names.department, id); }
  std::string account(const std::string& id) const { return apply(m_names.account, id); }
  std::string text(const std::string& text) const { return apply(m_names.text, text); }
  std::vector<std::string> causes(const std::vector<std::string>& codes) const { return all(m_names.cause, codes); }
  std::vector<std::string> accounts(const std::vector<std::string>& ids) const { return all(m_names.account, ids); }

 private:
  using Fn = std::function<std::string(const std::string&)>;
  static std::string apply(const Fn& f, const std::string& id) { return f ? f(id) : id; }
  static std::vector<std::string> all(const Fn& f, const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(apply(f, id));
    return out;
  }
  const FindingNames& m_names;
};

Strength by_p(double p) {
  return p < 0.01 ? Strength::strong : p < k_alpha ? Strength::moderate : Strength::weak;
}

Finding make(std::string kind, std::string headline, double arr, Strength strength,
             std::vector<std::pair<std::string, double>> evidence) {
  Finding f{std::move(kind), std::move(headline), arr, std::move(evidence), strength, 0};
  f.score = arr * strength_weight(strength);
  return f;
}

// The ARR of accounts by id, from the report's account list.
class ArrOf {
 public:
  explicit ArrOf(const Report& r) {
    for (const auto& a : r.accounts) m_arr[a.id] = a.arr;
  }
  double operator()(const std::string& id) const {
    auto it = m_arr.find(id);
    return it == m_arr.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, double> m_arr;
};

// "3 churned (50%), against 5% of the other accounts"
std::string churn_comparison(std::size_t churned, const ChurnAssociation& c) {
  return fmt::format("{} churned ({}), against {} of the other accounts", format_count(churned),
                     format_percent(c.churn_rate.value_or(0)), format_percent(c.base_churn_rate.value_or(0)));
}

std::string churn_verdict(const ChurnAssociation& c, const std::string& what) {
  if (!c.churn_rate || !c.base_churn_rate || *c.churn_rate <= *c.base_churn_rate)
    return fmt::format("no more churn than elsewhere ({})", format_p(c.p_value));
  if (c.p_value < k_alpha)
    return fmt::format("{} is associated with churn ({}{})", what,
                       c.relative_risk ? fmt::format("{:.1f}x the churn rate, ", *c.relative_risk) : "",
                       format_p(c.p_value));
  return fmt::format("too few cases to tell whether {} leads to churn ({})", what, format_p(c.p_value));
}

std::vector<std::pair<std::string, double>> churn_evidence(const ChurnAssociation& c) {
  std::vector<std::pair<std::string, double>> e;
  if (c.churn_rate) e.emplace_back("churn_rate", *c.churn_rate);
  if (c.base_churn_rate) e.emplace_back("base_churn_rate", *c.base_churn_rate);
  if (c.relative_risk) e.emplace_back("churn_relative_risk", *c.relative_risk);
  e.emplace_back("churn_p_value", c.p_value);
  return e;
}

// The top chain is one pre-chosen test: its p-value decides.
void chain_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  if (r.chains.empty() || r.chains[0].accounts < r.options.min_accounts) return;
  const ChainStat& c = r.chains[0];
  auto evidence = churn_evidence(c.churn);
  evidence.insert(evidence.begin(), {{"accounts", c.accounts}, {"churned_accounts", c.churned_accounts}});
  out.push_back(make("chain",
                     fmt::format("{} hit {} worth {} ARR; {}: {}.", format_chain(n.causes(c.path)),
                                 count_of(c.accounts, "account"), format_money(c.arr),
                                 churn_comparison(c.churned_accounts, c.churn), churn_verdict(c.churn, "the chain")),
                     c.arr, c.churn.p_value < k_alpha ? by_p(c.churn.p_value) : Strength::weak, std::move(evidence)));
}

// Causes across many tests: only a q-value below 0.05 makes a finding.
void churn_cause_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  const CauseStat* best = nullptr;
  for (const auto& c : r.causes)
    if (c.churn.q_value < k_alpha && c.churn.relative_risk && (!best || c.churn.q_value < best->churn.q_value))
      best = &c;
  if (!best) return;
  const ChurnAssociation& c = best->churn;
  auto evidence = churn_evidence(c);
  evidence.emplace_back("churn_q_value", c.q_value);
  out.push_back(make("churn-cause",
                     fmt::format("Accounts citing {} churned {:.1f}x as often: {} of {} ({}), against {} of the "
                                 "other accounts ({}).",
                                 n.cause(best->code), *c.relative_risk, format_count(best->churned_accounts),
                                 count_of(best->accounts, "account"), format_percent(*c.churn_rate),
                                 format_percent(c.base_churn_rate.value_or(0)), format_p(c.q_value, "q")),
                     best->arr, by_p(c.q_value), std::move(evidence)));
}

void third_strike_findings(const Report& r, const Namer& n, const ArrOf& arr_of, std::vector<Finding>& out) {
  for (const auto& a : r.repeat_accounts) {
    if (!a.third_strike) continue;
    std::string who = a.name.empty() ? n.text(a.account) : fmt::format("{} ({})", n.text(a.name), n.text(a.account));
    std::string why = a.recurring.empty() ? "no single cause repeats, so look at the account as a whole"
                                          : fmt::format("{} keep{} coming back", join_names(n.causes(a.recurring)),
                                                        a.recurring.size() == 1 ? "s" : "");
    double arr = arr_of(a.account);
    out.push_back(make("third-strike", fmt::format("{} is on escalation #{}; {}.", who, a.cases, why), arr,
                       a.cases >= 4 ? Strength::strong : Strength::moderate,
                       {{"cases", a.cases}, {"recurring", a.recurring.size()}}));
  }
}

std::string rate_ratio_text(const FixStat& f) {
  if (!f.rate_ratio) return "";
  return fmt::format("rate ratio {:.2f}, 95% CI {}", *f.rate_ratio, format_rate_ratio_ci(f));
}

std::vector<std::pair<std::string, double>> fix_evidence(const FixStat& f) {
  std::vector<std::pair<std::string, double>> e = {{"cases_before", f.cases_before},
                                                   {"days_before", f.days_before},
                                                   {"cases_after", f.cases_after},
                                                   {"days_after", f.days_after}};
  if (f.rate_ratio) e.emplace_back("rate_ratio", *f.rate_ratio);
  e.emplace_back("p_value", f.p_value);
  return e;
}

void fix_findings(const Report& r, const Namer& n, std::vector<Finding>& out) {
  std::map<std::string, double> cause_arr;
  for (const auto& c : r.causes) cause_arr[c.code] = c.arr;
  std::size_t failed = 0;
  for (const auto& f : r.fixes) failed += f.verdict == FixVerdict::did_not_hold ? 1 : 0;
  for (const auto& f : r.fixes) {
    std::string counts =
        fmt::format("{} in the {} days after it against {} in the {} days before", count_of(f.cases_after, "case"),
                    format_count(f.days_after), format_count(f.cases_before), format_count(f.days_before));
    if (f.verdict == FixVerdict::did_not_hold) {
      std::string others =
          failed > 1 ? fmt::format("; {} other {} did not hold either", failed - 1, failed == 2 ? "fix" : "fixes") : "";
      out.push_back(
          make("failed-fix",
               fmt::format("The fix for {} (done {}) did not measurably hold: {} ({}, {}){}.", n.cause(f.code),
                           f.fixed.to_string(), counts, rate_ratio_text(f), format_p(f.p_value), others),
               f.arr_after, Strength::moderate, fix_evidence(f)));
    } else if (f.verdict == FixVerdict::held) {
      double drop = f.rate_ratio ? 1 - *f.rate_ratio : 0;
      out.push_back(
          make("fix-held",
               fmt::format("The fix for {} (done {}) held: {}, a {} drop in the rate ({}, {}).", n.cause(f.code),
                           f.fixed.to_string(), counts, format_percent(drop), rate_ratio_text(f), format_p(f.p_value)),
               cause_arr[f.code], by_p(f.p_value), fix_evidence(f)));
    }
  }
}

void severity_finding(const Report& r, const Namer& n, const ArrOf& arr_of, std::vector<Finding>& out) {
  if (r.severity.inflated == 0) return;
  double arr = 0;
  for (const auto& id : r.severity.inflated_accounts) arr += arr_of(id);
  std::string repeaters =
      r.severity.inflated_accounts.empty()
          ? ""
          : fmt::format("; {} did it more than once", join_names(n.accounts(r.severity.inflated_accounts)));
  out.push_back(
      make("severity",
           fmt::format("{} of {} {} opened as more severe than the review found{}.", format_count(r.severity.inflated),
                       count_of(r.severity.rated, "rated case"), r.severity.inflated == 1 ? "was" : "were", repeaters),
           arr, r.severity.inflated_accounts.empty() ? Strength::weak : Strength::moderate,
           {{"inflated", r.severity.inflated}, {"rated", r.severity.rated}}));
}

void overdue_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  const DepartmentStat* worst = nullptr;
  std::size_t total = 0;
  for (const auto& d : r.departments) {
    total += d.actions_overdue;
    if (d.actions_overdue > 0 && (!worst || d.actions_overdue > worst->actions_overdue)) worst = &d;
  }
  if (!worst) return;
  double arr = 0;
  for (const auto& a : r.accounts) arr += a.actions_overdue > 0 ? a.arr : 0;
  out.push_back(make("overdue",
                     fmt::format("{} {} overdue as of {}; {} owns {} of them.", count_of(total, "follow-up action"),
                                 total == 1 ? "is" : "are", r.options.as_of.to_string(), n.department(worst->id),
                                 format_count(worst->actions_overdue)),
                     arr, Strength::moderate, {{"actions_overdue", total}}));
}

void loop_findings(const Report& r, const Namer& n, std::vector<Finding>& out) {
  for (const auto& loop : r.loops)
    out.push_back(make(
        "loop", fmt::format("{} feed each other: across cases each has led to the other.", join_names(n.causes(loop))),
        0, Strength::weak, {{"codes", loop.size()}}));
}

void absent_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  std::vector<std::string> absent;
  std::size_t total = 0;
  for (const auto& d : r.departments)
    if (d.owner_absent > 0) {
      absent.push_back(fmt::format("{} ({})", n.department(d.id), format_count(d.owner_absent)));
      total += d.owner_absent;
    }
  if (!absent.empty())
    out.push_back(make("absent", fmt::format("Owners missed their own autopsies: {}.", join_names(absent)), 0,
                       Strength::weak, {{"owner_absent", total}}));
}

void top_cause_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  if (r.causes.empty()) return;
  const CauseStat& c = r.causes[0];
  out.push_back(make("top-cause",
                     fmt::format("{} is the most widespread cause: {}, {} ARR, cited in {} ({} confirmed){}.",
                                 n.cause(c.code), count_of(c.accounts, "account"), format_money(c.arr),
                                 count_of(c.cases, "case"), format_count(c.confirmed),
                                 c.as_root ? fmt::format(", the root cause in {}", format_count(c.as_root)) : ""),
                     c.arr, c.accounts >= r.options.min_accounts ? Strength::moderate : Strength::weak,
                     {{"accounts", c.accounts}, {"cases", c.cases}, {"confirmed", c.confirmed}}));
}

// Best of each kind first (by score), then seconds, never more than
// k_per_kind of one kind. Ties keep the order the kinds were added in.
std::vector<Finding> rank(std::vector<Finding> all, std::size_t limit) {
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) { return a.score > b.score; });
  std::vector<Finding> out;
  std::map<std::string, std::size_t> taken;
  for (std::size_t round = 0; round < k_per_kind && out.size() < limit; ++round)
    for (auto& f : all) {
      if (out.size() >= limit) break;
      if (f.kind.empty() || taken[f.kind] != round) continue;
      taken[f.kind] += 1;
      out.push_back(std::move(f));
      f.kind.clear();  // taken
    }
  return out;
}

}  // namespace

std::vector<Finding> key_findings(const Report& report, std::size_t limit, const FindingNames& names) {
  Namer n(names);
  ArrOf arr_of(report);
  std::vector<Finding> all;
  chain_finding(report, n, all);
  churn_cause_finding(report, n, all);
  third_strike_findings(report, n, arr_of, all);
  fix_findings(report, n, all);
  loop_findings(report, n, all);
  severity_finding(report, n, arr_of, all);
  overdue_finding(report, n, all);
  absent_finding(report, n, all);
  top_cause_finding(report, n, all);
  return rank(std::move(all), limit);
}

}  // namespace esc
