// The template context of a report: top level, summary, findings, charts.
#include "esc/render/report_context.hpp"

#include <cmath>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "esc/model/version.hpp"
#include "esc/render/findings.hpp"
#include "esc/render/graph_render.hpp"
#include "esc/render/svg_charts.hpp"
#include "report_context_parts.hpp"

namespace esc {
namespace context {

Names::Names(const Report& report, const Taxonomy& taxonomy) {
  for (const auto& e : taxonomy.entries()) causes[e.code] = e.title;
  for (const auto& c : report.causes) causes[c.code] = c.title;
  for (const auto& d : taxonomy.departments()) departments[d.id] = d.title;
  for (const auto& d : report.departments) departments[d.id] = d.title;
  for (const auto& a : report.accounts)
    if (!a.name.empty()) accounts[a.id] = a.name;
  for (const auto& a : report.repeat_accounts)
    if (!a.name.empty()) accounts[a.account] = a.name;
}

std::string Names::cause_title(const std::string& code) const {
  auto it = causes.find(code);
  return it == causes.end() ? code : it->second;
}

std::string Names::department_title(const std::string& id) const {
  auto it = departments.find(id);
  return it == departments.end() ? id : it->second;
}

std::string Names::account_label(const std::string& id) const {
  auto it = accounts.find(id);
  return it == accounts.end() ? id : it->second;
}

std::string raw_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

std::string date(const std::optional<Date>& d) {
  return d ? d->to_string() : std::string();
}

std::string outcome(const std::optional<Outcome>& o) {
  return o ? std::string(to_string(*o)) : std::string();
}

}  // namespace context

namespace {

using namespace context;

std::string filters_text(const AnalysisOptions& o) {
  std::vector<std::string> parts;
  if (o.since) parts.push_back("opened on or after " + o.since->to_string());
  if (o.until) parts.push_back("opened on or before " + o.until->to_string());
  if (!o.segments.empty()) parts.push_back(fmt::format("in segment {}", fmt::join(o.segments, " or ")));
  if (!o.accounts.empty()) parts.push_back(fmt::format("of account {}", fmt::join(o.accounts, " or ")));
  if (!o.tags.empty()) parts.push_back(fmt::format("tagged {}", fmt::join(o.tags, " or ")));
  if (!o.causes.empty()) parts.push_back(fmt::format("citing {}", fmt::join(o.causes, " or ")));
  return fmt::format("{}", fmt::join(parts, "; "));
}

mstch::map summary(const Report& r) {
  std::size_t third = 0, overdue = 0, churned = 0;
  double churned_arr = 0;
  for (const auto& a : r.repeat_accounts) third += a.third_strike ? 1 : 0;
  for (const auto& d : r.departments) overdue += d.actions_overdue;
  for (const auto& a : r.accounts)
    if (a.outcome == Outcome::churned) {
      ++churned;
      churned_arr += a.arr;
    }
  const ReportSummary& s = r.summary;
  return mstch::map{{"cases", n(s.cases)},
                    {"accounts", n(s.accounts)},
                    {"open_cases", n(s.open_cases)},
                    {"arr_total", format_money(s.arr_total)},
                    {"arr_total_raw", raw_number(s.arr_total)},
                    {"arr_lost", format_money(s.arr_churned + s.arr_downgraded)},
                    {"arr_churned", format_money(s.arr_churned)},
                    {"arr_downgraded", format_money(s.arr_downgraded)},
                    {"arr_at_risk", format_money(s.arr_at_risk)},
                    {"arr_retained", format_money(s.arr_retained)},
                    {"skipped", n(s.skipped)},
                    {"has_skipped", s.skipped > 0},
                    {"unreadable_files", n(s.unreadable_files)},
                    {"after_as_of", n(s.after_as_of)},
                    {"has_left_out", s.skipped + s.unreadable_files + s.after_as_of > 0},
                    {"left_out_text", left_out_text(s, "the as-of date")},
                    {"repeat_accounts", n(r.repeat_accounts.size())},
                    {"third_strikes", n(third)},
                    {"overdue_actions", n(overdue)},
                    {"churned_accounts", n(churned)},
                    {"churned_arr", format_money(churned_arr)}};
}

// Findings for people: cause titles in quotes, department titles, account names.
mstch::array findings(const Report& r, const Names& names) {
  FindingNames naming;
  naming.cause = [&](const std::string& code) { return "“" + names.cause_title(code) + "”"; };
  naming.department = [&](const std::string& id) { return names.department_title(id); };
  naming.account = [&](const std::string& id) { return names.account_label(id); };
  mstch::array out;
  std::size_t number = 0;
  for (const auto& f : key_findings(r, 5, naming))
    out.push_back(mstch::map{{"number", n(++number)},
                             {"kind", f.kind},
                             {"headline", f.headline},
                             {"arr", format_money(f.arr)},
                             {"strength", std::string(to_string(f.strength))}});
  return out;
}

mstch::map charts(const Report& r) {
  return mstch::map{{"causes", svg_top_causes(r)},
                    {"causes_narrow", svg_top_causes(r, 10, true)},
                    {"trend", svg_trend(r)},
                    {"graph", svg_cause_graph(r)},
                    {"departments", svg_departments(r)},
                    {"accounts", svg_repeat_accounts(r)},
                    {"fixes", svg_failed_fixes(r)},
                    {"severity", svg_severity(r)}};
}

std::string mermaid(const Report& r, const Taxonomy& taxonomy) {
  if (r.links.empty()) return "";
  std::set<std::string> codes;
  for (const auto& l : r.links) codes.insert({l.from, l.to});
  std::ostringstream out;
  render_graph_mermaid(out, r, taxonomy, codes.size() > 30 ? r.options.min_accounts : 1);
  return out.str();
}

}  // namespace

// The keys of one row of fixes[] and failed_fixes[].
#define FIX_KEYS                                                                                              \
  "code title fixed cases_before days_before cases_after days_after accounts_after rate_ratio_text p_value " \
  "verdict held is_too_early recurrences[id title account opened] has_more_recurrences more_recurrences"

// The keys of one change since the baseline (report_context_baseline.cpp).
#define CHANGE_KEYS "then now delta_raw change arrow words tone is_worse is_better is_quiet"

std::string_view report_context_schema() {
  return "title tool as_of period min_accounts filters has_filters redacted empty "
         "summary{cases accounts open_cases arr_total arr_total_raw arr_lost arr_churned arr_downgraded arr_at_risk "
         "arr_retained skipped has_skipped unreadable_files after_as_of has_left_out left_out_text repeat_accounts "
         "third_strikes overdue_actions churned_accounts churned_arr} "
         "has_findings findings[number kind headline arr strength] "
         "has_causes causes[rank code title category category_title owner owner_title cases accounts arr arr_raw "
         "as_root confirmed likely suspected churned_accounts has_churn reach] "
         "has_categories categories[code title cases accounts arr arr_raw] "
         "has_links links[from from_title to to_title cases accounts] "
         "has_chains chains[text titles path[code title] cases accounts arr arr_raw churned_accounts has_churn] "
         "has_pairs pairs[a a_title b b_title cases accounts lift] "
         "has_loops loops[text codes[.]] "
         "has_repeat_accounts repeat_accounts[account name label cases third_strike outcome has_outcome "
         "recurring[code title] has_recurring recurring_text escalations[id title opened closed outcome is_open]] "
         "has_accounts accounts[id name label segment arr arr_raw outcome cases open_cases] "
         "has_departments departments[id title causes cases accounts arr arr_raw actions_open actions_overdue "
         "owner_absent has_overdue has_absent] "
         "has_segments segments[segment cases accounts top_causes[code title] top_causes_text] "
         "has_trend trend[quarter total categories[code title cases]] "
         "severity{rated inflated inflated_percent has_rated has_inflated inflated_accounts[id label] "
         "has_inflated_accounts inflated_accounts_text matrix[claimed cells[assessed cases is_inflated is_diagonal]]} "
         "has_fixes fixes[" FIX_KEYS "] has_failed_fixes failed_fixes[" FIX_KEYS "] held_fixes too_early_fixes "
         "has_watchlist watchlist[account name label arr cases reasons[.] reasons_text] "
         "has_actions actions[case account label action owner owner_title cause cause_title due days_overdue "
         "is_overdue] actions_count overdue_actions_count "
         "charts{causes! causes_narrow! trend! graph! departments! accounts! fixes! severity!} "
         "mermaid! "
         "has_baseline baseline{file as_of has_filters_differ filters_differ_text "
         "figures[key label " CHANGE_KEYS "] "
         "has_causes causes[code title status is_new is_gone cases{" CHANGE_KEYS "} accounts{" CHANGE_KEYS "}] "
         "has_departments departments[id title status is_new is_gone "
         "cases{" CHANGE_KEYS "} accounts{" CHANGE_KEYS "} actions_overdue{" CHANGE_KEYS "}]}";
}
#undef FIX_KEYS
#undef CHANGE_KEYS

mstch::map build_report_context(const Report& report, const Taxonomy& taxonomy) {
  Names names(report, taxonomy);
  std::string filters = filters_text(report.options);
  std::string period;
  if (!report.trend.empty())
    period = report.trend.front().quarter == report.trend.back().quarter
                 ? report.trend.front().quarter
                 : report.trend.front().quarter + " to " + report.trend.back().quarter;
  auto found = findings(report, names);
  mstch::map ctx{{"title", std::string("Escalation autopsy report")},
                 {"tool", fmt::format("esc-autopsy {}", version())},
                 {"as_of", report.options.as_of.to_string()},
                 {"period", period},
                 {"min_accounts", n(report.options.min_accounts)},
                 {"filters", filters},
                 {"has_filters", !filters.empty()},
                 {"redacted", report.redacted},
                 {"empty", report.summary.cases == 0},
                 {"summary", summary(report)},
                 {"has_findings", !found.empty()},
                 {"findings", found},
                 {"charts", charts(report)},
                 {"mermaid", mermaid(report, taxonomy)}};
  add_cause_tables(ctx, report, names);
  add_account_tables(ctx, report, names);
  add_time_tables(ctx, report, names);
  add_baseline(ctx, report, names);
  return ctx;
}

}  // namespace esc
