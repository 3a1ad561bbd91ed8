#include "esc/render/findings.hpp"

#include <cmath>

#include <fmt/format.h>

namespace esc {

std::string format_money(double amount) {
  if (amount < 1000) return fmt::format("${:.0f}", amount);
  if (amount < 999500) return fmt::format("${:.0f}k", amount / 1000);
  double millions = amount / 1e6;
  return millions < 9.95 ? fmt::format("${:.1f}M", millions) : fmt::format("${:.0f}M", millions);
}

std::string format_chain(const std::vector<std::string>& path, const std::string& arrow) {
  std::string out;
  for (const auto& code : path) out += (out.empty() ? "" : arrow) + code;
  return out;
}

std::string count_of(std::size_t n, const std::string& singular, const std::string& plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

namespace {

// Names causes, departments and accounts as the caller asked (ids by default).
class Namer {
 public:
  explicit Namer(const FindingNames& names) : m_names(names) {}
  std::string cause(const std::string& code) const { return apply(m_names.cause, code); }
  std::string department(const std::string& id) const { return apply(m_names.department, id); }
  std::string account(const std::string& id) const { return apply(m_names.account, id); }
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

std::string join(const std::vector<std::string>& items, const std::string& last = " and ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
  return out;
}

void chain_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  if (r.chains.empty() || r.chains[0].accounts < r.options.min_accounts) return;
  const ChainStat& c = r.chains[0];
  std::string churn = c.churned_accounts == 0   ? "none has churned yet"
                      : c.churned_accounts == 1 ? "1 has churned"
                                                : fmt::format("{} have churned", c.churned_accounts);
  out.push_back({"chain", fmt::format("{} hit {} worth {} ARR; {}.", format_chain(n.causes(c.path)),
                                      count_of(c.accounts, "account"), format_money(c.arr), churn)});
}

void third_strike_findings(const Report& r, const Namer& n, std::vector<Finding>& out) {
  std::size_t shown = 0;
  for (const auto& a : r.repeat_accounts) {
    if (!a.third_strike || shown++ == 2) continue;
    std::string who = a.name.empty() ? a.account : fmt::format("{} ({})", a.name, a.account);
    std::string why = a.recurring.empty() ? "no single cause repeats, so look at the account as a whole"
                                          : fmt::format("{} keep{} coming back", join(n.causes(a.recurring)),
                                                        a.recurring.size() == 1 ? "s" : "");
    out.push_back({"third-strike", fmt::format("{} is on escalation #{}; {}.", who, a.cases, why)});
  }
}

void failed_fix_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  if (r.fixes.empty() || r.fixes[0].cases_after == 0) return;
  const FixStat& f = r.fixes[0];
  std::size_t more = 0;
  for (std::size_t i = 1; i < r.fixes.size(); ++i) more += r.fixes[i].cases_after > 0 ? 1 : 0;
  out.push_back(
      {"failed-fix",
       fmt::format("The fix for {} (its case closed {}) did not hold: {} at {} cite it again{}.", n.cause(f.code),
                   f.fixed.to_string(), count_of(f.cases_after, "later case"), count_of(f.accounts_after, "account"),
                   more ? fmt::format("; {} other fixes were followed by recurrences too", more) : "")});
}

void severity_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  if (r.severity.inflated == 0) return;
  std::string repeaters =
      r.severity.inflated_accounts.empty()
          ? ""
          : fmt::format("; {} did it more than once", join(n.accounts(r.severity.inflated_accounts)));
  out.push_back({"severity", fmt::format("{} of {} rated cases were opened as more severe than the review found{}.",
                                         r.severity.inflated, r.severity.rated, repeaters)});
}

void overdue_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  const DepartmentStat* worst = nullptr;
  std::size_t total = 0;
  for (const auto& d : r.departments) {
    total += d.actions_overdue;
    if (d.actions_overdue > 0 && (!worst || d.actions_overdue > worst->actions_overdue)) worst = &d;
  }
  if (!worst) return;
  out.push_back({"overdue", fmt::format("{} follow-up actions are overdue as of {}; {} owns {} of them.", total,
                                        r.options.as_of.to_string(), n.department(worst->id), worst->actions_overdue)});
}

void loop_findings(const Report& r, const Namer& n, std::vector<Finding>& out) {
  for (const auto& loop : r.loops)
    out.push_back(
        {"loop", fmt::format("{} feed each other: across cases each has led to the other.", join(n.causes(loop)))});
}

void absent_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  std::vector<std::string> absent;
  for (const auto& d : r.departments)
    if (d.owner_absent > 0) absent.push_back(fmt::format("{} ({})", n.department(d.id), d.owner_absent));
  if (!absent.empty()) out.push_back({"absent", fmt::format("Owners missed their own autopsies: {}.", join(absent))});
}

void top_cause_finding(const Report& r, const Namer& n, std::vector<Finding>& out) {
  if (r.causes.empty()) return;
  const CauseStat& c = r.causes[0];
  out.push_back(
      {"top-cause", fmt::format("{} is the most widespread cause: {}, {} ARR, the root cause in {}.", n.cause(c.code),
                                count_of(c.accounts, "account"), format_money(c.arr), count_of(c.as_root, "case"))});
}

}  // namespace

std::vector<Finding> key_findings(const Report& report, std::size_t limit, const FindingNames& names) {
  Namer n(names);
  std::vector<Finding> all;
  chain_finding(report, n, all);
  third_strike_findings(report, n, all);
  failed_fix_finding(report, n, all);
  loop_findings(report, n, all);
  severity_finding(report, n, all);
  overdue_finding(report, n, all);
  absent_finding(report, n, all);
  top_cause_finding(report, n, all);
  if (all.size() > limit) all.resize(limit);
  return all;
}

}  // namespace esc
