// The template context of a report: top level, summary, findings, charts.
#include "esc/render/report_context.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
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
                    {"has_arr_lost", s.arr_churned + s.arr_downgraded > 0},
                    {"has_arr_at_risk", s.arr_at_risk > 0},
                    {"has_third_strikes", third > 0},
                    {"has_overdue_actions", overdue > 0},
                    {"churned_accounts", n(churned)},
                    {"churned_arr", format_money(churned_arr)}};
}

// Findings for people: cause titles in quotes, department titles, account names.
mstch::array findings(const Report& r, const Names& names) {
  FindingNames naming;
  naming.cause = [&](const std::string& code) { return "“" + isolate(names.cause_title(code)) + "”"; };
  naming.department = [&](const std::string& id) { return isolate(names.department_title(id)); };
  naming.account = [&](const std::string& id) { return isolate(names.account_label(id)); };
  naming.text = [](const std::string& text) { return isolate(text); };
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

mstch::map charts(const Report& r, const Taxonomy& taxonomy) {
  return mstch::map{{"causes", svg_top_causes(r, taxonomy)}, {"causes_narrow", svg_top_causes(r, taxonomy, 10, true)},
                    {"trend", svg_trend(r, taxonomy)},       {"graph", svg_cause_graph(r, taxonomy)},
                    {"departments", svg_departments(r)},     {"accounts", svg_repeat_accounts(r)},
                    {"fixes", svg_failed_fixes(r)},          {"severity", svg_severity(r)}};
}

constexpr std::size_t k_mermaid_links = 20;

// The fewest accounts a link needs to be drawn so that at most
// k_mermaid_links are (1 when all fit); a graph of hundreds of links is unreadable.
std::size_t mermaid_threshold(const Report& r) {
  std::vector<std::size_t> accounts;
  for (const auto& l : r.links) accounts.push_back(l.accounts);
  std::sort(accounts.begin(), accounts.end(), std::greater<>());
  if (accounts.size() <= k_mermaid_links) return 1;
  std::size_t threshold = accounts[k_mermaid_links] + 1;  // leaves out the 21st and its ties
  return std::max<std::size_t>(threshold, 1);
}

std::string mermaid(const Report& r, const Taxonomy& taxonomy, std::size_t threshold) {
  if (r.links.empty()) return "";
  std::ostringstream out;
  render_graph_mermaid(out, r, taxonomy, threshold);
  return out.str();
}

std::string mermaid_note(const Report& r, std::size_t threshold) {
  std::size_t drawn = 0;
  for (const auto& l : r.links) drawn += l.accounts >= threshold ? 1 : 0;
  if (drawn == r.links.size()) return "";
  return fmt::format(
      "Only the strongest {} of {} links are drawn (those at {} or more accounts); all of them: "
      "esc-autopsy graph --format mermaid, or --format csv --table links.",
      format_count(drawn), format_count(r.links.size()), format_count(threshold));
}

}  // namespace

// The keys of one row of each list (the lists and their capped views share them).
#define CAUSE_KEYS                                                                                                 \
  "rank code title category category_title owner owner_title cases accounts arr arr_raw as_root confirmed likely " \
  "suspected churned_accounts has_churn reach"
#define CHAIN_KEYS "text titles path[code title] cases accounts arr arr_raw churned_accounts has_churn"
#define PAIR_KEYS "a a_title b b_title cases accounts lift"
#define REPEAT_KEYS                                                                                         \
  "account name label cases third_strike outcome has_outcome recurring[code title] has_recurring "          \
  "recurring_text escalations[id title opened closed outcome is_open] "                                     \
  "recent_escalations[id title opened closed outcome is_open] has_earlier_escalations earlier_escalations " \
  "first_recent"
#define ACCOUNT_KEYS "id name label segment arr arr_raw outcome cases open_cases"
#define FIX_KEYS                                                                                             \
  "code title fixed cases_before days_before cases_after days_after accounts_after rate_ratio_text p_value " \
  "verdict held is_too_early recurrences[id title account opened] has_more_recurrences more_recurrences"
#define WATCH_KEYS "account name label arr cases reasons[.] reasons_text"
#define ACTION_KEYS "case account label action owner owner_title cause cause_title due days_overdue is_overdue"
// A list's capped view (capped_view()): the same rows, in parts.
#define VIEW(keys) "{parts[is_more count rows[" keys "]] has_rest rest}"

std::set<std::string> lists_read_only_through_views(std::string_view text) {
  std::set<std::string> out(std::begin(context::k_capped_lists), std::end(context::k_capped_lists));
  // A section on the list ({{#causes}}) or, outside every section, a tag naming
  // it reads it whole. Inside a section, {{accounts}} is a row's key.
  static const std::regex tag(R"(\{\{\s*([#^/&]?)\s*([A-Za-z0-9_.]+)\s*\}\})");
  int depth = 0;
  for (std::cregex_iterator it(text.data(), text.data() + text.size(), tag), end; it != end; ++it) {
    std::string kind = (*it)[1], name = (*it)[2];
    if (kind == "/") {
      depth = std::max(0, depth - 1);
      continue;
    }
    if (kind == "#" || kind == "^" || depth == 0) out.erase(name);
    if (kind == "#" || kind == "^") ++depth;
  }
  return out;
}

// The keys of one change since the baseline (report_context_baseline.cpp).
#define CHANGE_KEYS "then now delta_raw change arrow words tone is_worse is_better is_quiet"

std::string_view report_context_schema() {
  return "title tool as_of period min_accounts filters has_filters redacted empty "
         "summary{cases accounts open_cases arr_total arr_total_raw arr_lost arr_churned arr_downgraded arr_at_risk "
         "arr_retained skipped has_skipped unreadable_files after_as_of has_left_out left_out_text repeat_accounts "
         "third_strikes overdue_actions has_arr_lost has_arr_at_risk has_third_strikes has_overdue_actions churned_accounts churned_arr} "
         "has_findings findings[number kind headline arr strength] "
         "has_causes causes[" CAUSE_KEYS "] causes_view" VIEW(CAUSE_KEYS) " "
         "has_categories categories[code title cases accounts arr arr_raw] "
         "has_links links[from from_title to to_title cases accounts] "
         "has_chains chains[" CHAIN_KEYS "] chains_view" VIEW(CHAIN_KEYS) " "
         "has_pairs pairs[" PAIR_KEYS "] pairs_view" VIEW(PAIR_KEYS) " "
         "has_loops loops[text codes[.]] "
         "has_repeat_accounts repeat_accounts[" REPEAT_KEYS "] repeat_accounts_view" VIEW(REPEAT_KEYS) " "
         "has_accounts accounts[" ACCOUNT_KEYS "] accounts_view" VIEW(ACCOUNT_KEYS) " "
         "has_departments departments[id title causes cases accounts arr arr_raw actions_open actions_overdue "
         "owner_absent has_overdue has_absent] "
         "has_segments segments[segment cases accounts top_causes[code title] top_causes_text] "
         "has_trend trend[quarter cases total categories[code title cases]] "
         "severity{rated inflated inflated_percent has_rated has_inflated inflated_accounts[id label] "
         "has_inflated_accounts inflated_accounts_text matrix[claimed cells[assessed cases is_inflated is_diagonal]]} "
         "has_fixes fixes[" FIX_KEYS "] fixes_view" VIEW(FIX_KEYS) " has_failed_fixes failed_fixes[" FIX_KEYS "] "
         "held_fixes too_early_fixes "
         "has_watchlist watchlist[" WATCH_KEYS "] watchlist_view" VIEW(WATCH_KEYS) " "
         "has_actions actions[" ACTION_KEYS "] actions_view" VIEW(ACTION_KEYS) " actions_count overdue_actions_count "
         "charts{causes! causes_narrow! trend! graph! departments! accounts! fixes! severity!} "
         "mermaid! mermaid_note "
         "has_baseline baseline{file as_of has_filters_differ filters_differ_text "
         "figures[key label " CHANGE_KEYS "] "
         "has_causes causes[code title status is_new is_gone cases{" CHANGE_KEYS "} accounts{" CHANGE_KEYS "}] "
         "has_departments departments[id title status is_new is_gone "
         "cases{" CHANGE_KEYS "} accounts{" CHANGE_KEYS "} actions_overdue{" CHANGE_KEYS "}]}";
}
#undef CAUSE_KEYS
#undef CHAIN_KEYS
#undef PAIR_KEYS
#undef REPEAT_KEYS
#undef ACCOUNT_KEYS
#undef FIX_KEYS
#undef WATCH_KEYS
#undef ACTION_KEYS
#undef VIEW
#undef CHANGE_KEYS

mstch::map build_report_context(const Report& report, const Taxonomy& taxonomy,
                                const std::set<std::string>& view_only_lists) {
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
                 {"charts", charts(report, taxonomy)},
                 {"mermaid", mermaid(report, taxonomy, mermaid_threshold(report))},
                 {"mermaid_note", mermaid_note(report, mermaid_threshold(report))}};
  ListLimits limits{view_only_lists};
  add_cause_tables(ctx, report, names, limits);
  add_account_tables(ctx, report, names, limits);
  add_time_tables(ctx, report, names, limits);
  add_capped_views(ctx, report);
  add_baseline(ctx, report, names);
  return ctx;
}

}  // namespace esc
