// Timelines: repeat accounts' escalations, fixes that did not hold.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "svg.hpp"

namespace esc {
namespace {

std::string case_tooltip(const CaseRef& c) {
  std::string dates = c.opened ? "opened " + c.opened->to_string() : "no opened date";
  if (c.closed) dates += ", closed " + c.closed->to_string();
  return fmt::format("{}: {} ({}; {})", c.id, c.title, dates,
                     c.outcome ? std::string(to_string(*c.outcome)) : "no outcome");
}

std::string account_label(const RepeatAccount& a) {
  return a.name.empty() ? a.account : a.name;
}

}  // namespace

std::string svg_repeat_accounts(const Report& report, std::size_t limit) {
  if (report.repeat_accounts.empty()) return "";
  std::size_t rows = std::min(limit, report.repeat_accounts.size());
  std::vector<Date> dates;
  bool any_open = false;
  for (std::size_t i = 0; i < rows; ++i)
    for (auto ref : report.repeat_accounts[i].escalations) {
      const CaseRef& c = report.case_refs[ref];
      if (c.opened) dates.push_back(*c.opened);
      if (c.closed)
        dates.push_back(*c.closed);
      else
        any_open = true;
    }
  if (any_open) dates.push_back(report.options.as_of);
  const double width = 760, label_w = 200, row = 44, top = 8;
  svg::TimeScale scale(dates, label_w + 10, width - 20);
  svg::Writer scratch(0, 0, "", "");
  double legend_h = svg::outcome_legend(scratch, 0, 0, width);
  double plot_bottom = top + static_cast<double>(rows) * row;
  svg::Writer out(
      width, plot_bottom + 30 + legend_h, "Accounts with repeat escalations",
      "One row per account with two or more escalations: each escalation from the day it was opened to "
      "the day it closed (open ones run to the report date); its outcome by the marker's shape and colour.");
  scale.axis(out, top, plot_bottom);
  for (std::size_t i = 0; i < rows; ++i) {
    const RepeatAccount& a = report.repeat_accounts[i];
    double y = top + static_cast<double>(i) * row;
    if (i > 0) out.line(0, y, width, y, svg::k_grid);
    out.fitted_text(0, y + 18, account_label(a), (label_w - 8) / 1.08, 13, "start", "font-weight=\"600\"");  // bold
    out.text(0, y + 34, fmt::format("{} escalations", a.cases), 11, "start", "fill=\"" + svg::k_muted + "\"");
    if (a.third_strike)
      out.text(svg::text_width(fmt::format("{} escalations", a.cases), 11) + 8, y + 34, "third strike", 11, "start",
               "fill=\"" + svg::k_alert + "\" font-weight=\"700\"");
    double mid = y + row / 2;
    for (auto ref : a.escalations) {
      const CaseRef& c = report.case_refs[ref];
      if (!c.opened) continue;
      double x0 = scale.x(*c.opened), x1 = scale.x(c.closed ? *c.closed : report.options.as_of);
      std::string color = svg::outcome_color(c.outcome);
      out.raw("<g>");
      out.tooltip(case_tooltip(c));
      out.rect(x0, mid - 5, std::max(x1 - x0, 6.0), 10, color, "rx=\"5\" fill-opacity=\"0.45\"");
      out.raw(svg::outcome_marker(c.outcome, x0, mid));
      out.raw("</g>");
    }
  }
  svg::outcome_legend(out, 0, plot_bottom + 30, width);
  return out.finish();
}

std::string svg_failed_fixes(const Report& report, std::size_t limit) {
  std::vector<const FixStat*> failed;
  for (const auto& f : report.fixes)
    if (f.verdict == FixVerdict::did_not_hold && failed.size() < limit) failed.push_back(&f);
  if (failed.empty()) return "";
  std::vector<Date> dates;
  for (const auto* f : failed) {
    dates.push_back(f->fixed);
    for (auto ref : f->recurrences)
      if (const auto& opened = report.case_refs[ref].opened) dates.push_back(*opened);
  }
  const double width = 760, label_w = 230, right_w = 150, row = 44, top = 8;
  svg::TimeScale scale(dates, label_w + 10, width - right_w - 10);
  const double legend_h = 40;  // two lines: the fix's diamond, a recurrence's dot
  double plot_bottom = top + static_cast<double>(failed.size()) * row;
  svg::Writer out(width, plot_bottom + 30 + legend_h, "Fixes that did not hold",
                  "One row per cause whose fix did not measurably lower its rate of cases: the date of the fix, then "
                  "each later case that cites the cause again.");
  scale.axis(out, top, plot_bottom);
  for (std::size_t i = 0; i < failed.size(); ++i) {
    const FixStat& f = *failed[i];
    std::string title = f.code;
    for (const auto& c : report.causes)
      if (c.code == f.code) title = c.title;
    double y = top + static_cast<double>(i) * row, mid = y + row / 2;
    if (i > 0) out.line(0, y, width, y, svg::k_grid);
    auto lines = svg::wrap(title, label_w - 8, 13, 2);
    double line_y = y + (lines.size() == 1 ? 26 : 18);
    for (const auto& line : lines) {
      out.text(0, line_y, line, 13);
      line_y += 16;
    }
    double fx = scale.x(f.fixed), last = fx;
    for (auto ref : f.recurrences)
      if (const auto& opened = report.case_refs[ref].opened) last = std::max(last, scale.x(*opened));
    out.line(fx, mid, last, mid, svg::k_alert, 2, "stroke-opacity=\"0.35\"");
    out.raw("<g>");
    out.tooltip(fmt::format("{} fixed {}", f.code, f.fixed.to_string()));
    out.raw(fmt::format("<path d=\"M{} {}l7 7l-7 7l-7 -7z\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                        svg::num(fx), svg::num(mid - 7), svg::k_good));
    out.raw("</g>");
    // One dot per 8 px: a thousand recurrences stay a small file (and
    // readable); a dot standing for several cases says how many and when.
    std::map<long, std::vector<const CaseRef*>> bins;
    for (auto ref : f.recurrences) {
      const CaseRef& c = report.case_refs[ref];
      if (c.opened) bins[static_cast<long>(std::floor(scale.x(*c.opened) / 8))].push_back(&c);
    }
    for (const auto& [bin, cases] : bins) {
      const CaseRef& first = *cases.front();
      out.raw("<g>");
      if (cases.size() == 1)
        out.tooltip(case_tooltip(first));
      else
        out.tooltip(fmt::format("{} later cases opened {} to {} ({} first)", cases.size(), first.opened->to_string(),
                                cases.back()->opened->to_string(), first.id));
      out.raw(fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5.5\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                          svg::num(scale.x(*first.opened)), svg::num(mid), svg::k_alert));
      out.raw("</g>");
    }
    out.fitted_text(width - right_w + 4, mid - 2, count_of(f.cases_after, "case"), right_w - 8, 12);
    out.fitted_text(width - right_w + 4, mid + 13, "at " + count_of(f.accounts_after, "account"), right_w - 8, 12);
  }
  // The legend shows the same shapes as the chart, not just their colours.
  double ly = plot_bottom + 30;
  out.raw(fmt::format("<path d=\"M7 {}l6 6l-6 6l-6 -6z\" fill=\"{}\"/>", svg::num(ly), svg::k_good));
  out.fitted_text(19, ly + 10.5,
                  "fixed (a done action on the cause: its done date, else its due date, else its case's closing)",
                  width - 19, 12, "start", "fill=\"" + svg::k_muted + "\"");
  out.raw(fmt::format("<circle cx=\"7\" cy=\"{}\" r=\"5\" fill=\"{}\"/>", svg::num(ly + 26), svg::k_alert));
  out.text(19, ly + 30.5, "a later case citing the cause again", 12, "start", "fill=\"" + svg::k_muted + "\"");
  return out.finish();
}

}  // namespace esc
