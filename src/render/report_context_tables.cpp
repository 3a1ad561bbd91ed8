// The tables of the template context (see report_context_schema()).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "report_context_parts.hpp"

namespace esc::context {
namespace {

mstch::array code_list(const std::vector<std::string>& codes, const Names& names) {
  mstch::array out;
  for (const auto& code : codes) out.push_back(mstch::map{{"code", code}, {"title", names.cause_title(code)}});
  return out;
}

constexpr std::size_t k_listed_recurrences = 3;
// An account's card lists its most recent escalations only.
constexpr std::size_t k_recent_escalations = 3;

// "0.10 (95% CI 0.03–0.28)", or "–" when there was nothing before to compare.
std::string rate_ratio_text(const FixStat& f) {
  if (!f.rate_ratio) return "–";
  return fmt::format("{:.2f} (95% CI {})", *f.rate_ratio, format_rate_ratio_ci(f));
}

mstch::map fix_row(const Report& r, const FixStat& f, const Names& names) {
  mstch::array recurrences;
  for (auto i : f.recurrences) {
    if (recurrences.size() == k_listed_recurrences) break;
    const CaseRef& c = r.case_refs[i];
    recurrences.push_back(mstch::map{
        {"id", c.id}, {"title", c.title}, {"account", names.account_label(c.account)}, {"opened", date(c.opened)}});
  }
  return mstch::map{
      {"code", f.code},
      {"title", names.cause_title(f.code)},
      {"fixed", f.fixed.to_string()},
      {"cases_before", n(f.cases_before)},
      {"days_before", format_count(static_cast<std::size_t>(f.days_before))},
      {"cases_after", n(f.cases_after)},
      {"days_after", format_count(static_cast<std::size_t>(std::max(0L, f.days_after)))},
      {"accounts_after", n(f.accounts_after)},
      {"rate_ratio_text", rate_ratio_text(f)},
      {"p_value", format_p(f.p_value)},
      {"verdict", std::string(to_string(f.verdict))},
      {"held", f.verdict == FixVerdict::held},
      {"is_too_early", f.verdict == FixVerdict::too_early},
      {"recurrences", recurrences},
      {"has_more_recurrences", f.recurrences.size() > k_listed_recurrences},
      {"more_recurrences", n(f.recurrences.size() - std::min(f.recurrences.size(), k_listed_recurrences))}};
}

}  // namespace

void add_cause_tables(mstch::map& ctx, const Report& r, const Names& names, const ListLimits& limits) {
  mstch::array causes, categories, links, chains, pairs, loops;
  std::size_t rank = 0;
  for (const auto& c : r.causes) {
    if (causes.size() == limits.rows("causes")) break;
    causes.push_back(mstch::map{{"rank", n(++rank)},
                                {"code", c.code},
                                {"title", c.title},
                                {"category", c.category},
                                {"category_title", names.cause_title(c.category)},
                                {"owner", c.owner},
                                {"owner_title", names.department_title(c.owner)},
                                {"cases", n(c.cases)},
                                {"accounts", n(c.accounts)},
                                {"arr", format_money(c.arr)},
                                {"arr_raw", raw_number(c.arr)},
                                {"as_root", n(c.as_root)},
                                {"confirmed", n(c.confirmed)},
                                {"likely", n(c.likely)},
                                {"suspected", n(c.suspected)},
                                {"churned_accounts", n(c.churned_accounts)},
                                {"has_churn", c.churned_accounts > 0},
                                {"reach", n(c.reach)}});
  }
  for (const auto& c : r.categories)
    categories.push_back(mstch::map{{"code", c.code},
                                    {"title", c.title},
                                    {"cases", n(c.cases)},
                                    {"accounts", n(c.accounts)},
                                    {"arr", format_money(c.arr)},
                                    {"arr_raw", raw_number(c.arr)}});
  for (const auto& l : r.links)
    links.push_back(mstch::map{{"from", l.from},
                               {"from_title", names.cause_title(l.from)},
                               {"to", l.to},
                               {"to_title", names.cause_title(l.to)},
                               {"cases", n(l.cases)},
                               {"accounts", n(l.accounts)}});
  for (const auto& c : r.chains) {
    if (chains.size() == limits.rows("chains")) break;
    std::vector<std::string> titles;
    for (const auto& code : c.path) titles.push_back(names.cause_title(code));
    chains.push_back(mstch::map{{"text", format_chain(c.path)},
                                {"titles", join_isolated(titles, " → ")},
                                {"path", code_list(c.path, names)},
                                {"cases", n(c.cases)},
                                {"accounts", n(c.accounts)},
                                {"arr", format_money(c.arr)},
                                {"arr_raw", raw_number(c.arr)},
                                {"churned_accounts", n(c.churned_accounts)},
                                {"has_churn", c.churned_accounts > 0}});
  }
  for (const auto& p : r.pairs) {
    if (pairs.size() == limits.rows("pairs")) break;
    pairs.push_back(mstch::map{{"a", p.a},
                               {"a_title", names.cause_title(p.a)},
                               {"b", p.b},
                               {"b_title", names.cause_title(p.b)},
                               {"cases", n(p.cases)},
                               {"accounts", n(p.accounts)},
                               {"lift", fmt::format("{:.2f}", p.lift)}});
  }
  for (const auto& loop : r.loops) {
    mstch::array codes;
    for (const auto& code : loop) codes.push_back(code);
    loops.push_back(mstch::map{{"text", format_chain(loop, " ⇄ ")}, {"codes", codes}});
  }
  ctx["has_causes"] = !causes.empty();
  ctx["causes"] = causes;
  ctx["has_categories"] = !categories.empty();
  ctx["categories"] = categories;
  ctx["has_links"] = !links.empty();
  ctx["links"] = links;
  ctx["has_chains"] = !chains.empty();
  ctx["chains"] = chains;
  ctx["has_pairs"] = !pairs.empty();
  ctx["pairs"] = pairs;
  ctx["has_loops"] = !loops.empty();
  ctx["loops"] = loops;
}

void add_account_tables(mstch::map& ctx, const Report& r, const Names& names, const ListLimits& limits) {
  mstch::array repeats, accounts, departments, segments;
  for (const auto& a : r.repeat_accounts) {
    if (repeats.size() == limits.rows("repeat_accounts")) break;
    mstch::array escalations;
    for (auto i : a.escalations) {
      const CaseRef& c = r.case_refs[i];
      escalations.push_back(mstch::map{{"id", c.id},
                                       {"title", c.title},
                                       {"opened", date(c.opened)},
                                       {"closed", date(c.closed)},
                                       {"outcome", outcome(c.outcome)},
                                       {"is_open", !c.closed || c.outcome == Outcome::open}});
    }
    std::size_t earlier = escalations.size() - std::min(escalations.size(), k_recent_escalations);
    mstch::array recent(escalations.begin() + static_cast<std::ptrdiff_t>(earlier), escalations.end());
    std::vector<std::string> recurring_titles;
    for (const auto& code : a.recurring) recurring_titles.push_back(names.cause_title(code));
    repeats.push_back(mstch::map{{"account", a.account},
                                 {"name", a.name},
                                 {"label", a.name.empty() ? a.account : a.name},
                                 {"cases", n(a.cases)},
                                 {"third_strike", a.third_strike},
                                 {"outcome", outcome(a.outcome)},
                                 {"has_outcome", a.outcome.has_value()},
                                 {"recurring", code_list(a.recurring, names)},
                                 {"has_recurring", !a.recurring.empty()},
                                 {"recurring_text", join_isolated(recurring_titles, "; ", 3)},
                                 {"escalations", escalations},
                                 {"recent_escalations", recent},
                                 {"has_earlier_escalations", earlier > 0},
                                 {"earlier_escalations", format_count(earlier)},
                                 {"first_recent", n(earlier + 1)}});
  }
  for (const auto& a : r.accounts) {
    if (accounts.size() == limits.rows("accounts")) break;
    accounts.push_back(mstch::map{{"id", a.id},
                                  {"name", a.name},
                                  {"label", a.name.empty() ? a.id : a.name},
                                  {"segment", a.segment},
                                  {"arr", format_money(a.arr)},
                                  {"arr_raw", raw_number(a.arr)},
                                  {"outcome", outcome(a.outcome)},
                                  {"cases", n(a.cases)},
                                  {"open_cases", n(a.open_cases)}});
  }
  for (const auto& d : r.departments)
    departments.push_back(mstch::map{{"id", d.id},
                                     {"title", d.title},
                                     {"causes", n(d.causes)},
                                     {"cases", n(d.cases)},
                                     {"accounts", n(d.accounts)},
                                     {"arr", format_money(d.arr)},
                                     {"arr_raw", raw_number(d.arr)},
                                     {"actions_open", n(d.actions_open)},
                                     {"actions_overdue", n(d.actions_overdue)},
                                     {"owner_absent", n(d.owner_absent)},
                                     {"has_overdue", d.actions_overdue > 0},
                                     {"has_absent", d.owner_absent > 0}});
  for (const auto& s : r.segments) {
    std::vector<std::string> titles;
    for (const auto& code : s.top_causes) titles.push_back(names.cause_title(code));
    segments.push_back(mstch::map{{"segment", s.segment},
                                  {"cases", n(s.cases)},
                                  {"accounts", n(s.accounts)},
                                  {"top_causes", code_list(s.top_causes, names)},
                                  {"top_causes_text", join_isolated(titles, "; ")}});
  }
  ctx["has_repeat_accounts"] = !repeats.empty();
  ctx["repeat_accounts"] = repeats;
  ctx["has_accounts"] = !accounts.empty();
  ctx["accounts"] = accounts;
  ctx["has_departments"] = !departments.empty();
  ctx["departments"] = departments;
  ctx["has_segments"] = !segments.empty();
  ctx["segments"] = segments;
}

void add_time_tables(mstch::map& ctx, const Report& r, const Names& names, const ListLimits& limits) {
  mstch::array trend, fixes, failed;
  for (const auto& t : r.trend) {
    mstch::array categories;
    std::size_t total = 0;
    for (const auto& [code, cases] : t.categories) {
      categories.push_back(mstch::map{{"code", code}, {"title", names.cause_title(code)}, {"cases", n(cases)}});
      total += cases;
    }
    trend.push_back(
        mstch::map{{"quarter", t.quarter}, {"cases", n(t.cases)}, {"total", n(total)}, {"categories", categories}});
  }
  const SeverityStat& s = r.severity;
  mstch::array inflated_accounts, matrix;
  std::vector<std::string> labels;
  for (const auto& id : s.inflated_accounts) {
    labels.push_back(names.account_label(id));
    inflated_accounts.push_back(mstch::map{{"id", id}, {"label", labels.back()}});
  }
  for (std::size_t claimed = 0; claimed < 4; ++claimed) {
    mstch::array cells;
    for (std::size_t assessed = 0; assessed < 4; ++assessed)
      cells.push_back(mstch::map{{"assessed", fmt::format("sev{}", assessed + 1)},
                                 {"cases", n(s.matrix[claimed][assessed])},
                                 {"is_inflated", assessed > claimed},
                                 {"is_diagonal", assessed == claimed}});
    matrix.push_back(mstch::map{{"claimed", fmt::format("sev{}", claimed + 1)}, {"cells", cells}});
  }
  std::string percent =
      s.rated == 0 ? "0%"
                   : fmt::format("{:.0f}%", 100.0 * static_cast<double>(s.inflated) / static_cast<double>(s.rated));
  ctx["severity"] = mstch::map{{"rated", n(s.rated)},
                               {"inflated", n(s.inflated)},
                               {"inflated_percent", percent},
                               {"has_rated", s.rated > 0},
                               {"has_inflated", s.inflated > 0},
                               {"inflated_accounts", inflated_accounts},
                               {"has_inflated_accounts", !inflated_accounts.empty()},
                               {"inflated_accounts_text", join_isolated(labels, ", ", 10)},
                               {"matrix", matrix}};
  std::size_t held = 0, too_early = 0;
  for (const auto& f : r.fixes) {
    if (fixes.size() < limits.rows("fixes")) fixes.push_back(fix_row(r, f, names));
    if (f.verdict == FixVerdict::did_not_hold) failed.push_back(fix_row(r, f, names));
    held += f.verdict == FixVerdict::held ? 1 : 0;
    too_early += f.verdict == FixVerdict::too_early ? 1 : 0;
  }
  mstch::array watchlist;
  for (const auto& w : r.watchlist) {
    if (watchlist.size() == limits.rows("watchlist")) break;
    mstch::array reasons;
    for (const auto& reason : w.reasons) reasons.push_back(reason);
    watchlist.push_back(mstch::map{{"account", w.account},
                                   {"name", w.name},
                                   {"label", names.account_label(w.account)},
                                   {"arr", format_money(w.arr)},
                                   {"cases", n(w.cases)},
                                   {"reasons", reasons},
                                   {"reasons_text", join_isolated(w.reasons, "; ")}});
  }
  mstch::array actions;
  std::size_t overdue = 0;
  for (const auto& a : r.actions) {
    overdue += a.days_overdue > 0 ? 1 : 0;
    if (actions.size() == limits.rows("actions")) continue;
    const CaseRef& c = r.case_refs[a.case_ref];
    mstch::map row{{"case", c.id},
                   {"account", c.account},
                   {"label", names.account_label(c.account)},
                   {"action", a.action},
                   {"owner", a.owner},
                   {"owner_title", names.department_title(a.owner)},
                   {"cause", a.cause},
                   {"cause_title", a.cause.empty() ? std::string() : names.cause_title(a.cause)},
                   {"due", date(a.due)},
                   {"days_overdue", format_count(static_cast<std::size_t>(a.days_overdue))},
                   {"is_overdue", a.days_overdue > 0}};
    actions.push_back(std::move(row));
  }
  ctx["has_actions"] = !actions.empty();
  ctx["actions"] = actions;
  ctx["actions_count"] = n(r.actions.size());
  ctx["overdue_actions_count"] = n(overdue);
  ctx["has_watchlist"] = !watchlist.empty();
  ctx["watchlist"] = watchlist;
  ctx["too_early_fixes"] = n(too_early);
  ctx["has_trend"] = !trend.empty();
  ctx["trend"] = trend;
  ctx["has_fixes"] = !fixes.empty();
  ctx["fixes"] = fixes;
  ctx["has_failed_fixes"] = !failed.empty();
  ctx["failed_fixes"] = failed;
  ctx["held_fixes"] = n(held);
}

}  // namespace esc::context
