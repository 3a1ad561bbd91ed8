// The account view's timeline: one account's escalations and the fixes of its causes.
#include <algorithm>

#include <fmt/format.h>

#include "account_words.hpp"
#include "esc/render/account_render.hpp"
#include "svg.hpp"

namespace esc {

std::string svg_account_timeline(const AccountView& view, const Taxonomy& taxonomy) {
  std::vector<const AccountEscalation*> rows;
  std::vector<Date> dates;
  for (const auto& e : view.escalations) {
    if (!e.opened) continue;
    rows.push_back(&e);
    dates.push_back(*e.opened);
    dates.push_back(e.closed ? *e.closed : view.options.as_of);
  }
  if (rows.empty()) return "";
  std::vector<const AccountCauseFix*> fixes;
  for (const auto& f : view.causes)
    if (f.fix) {
      fixes.push_back(&f);
      dates.push_back(f.fix->fixed);
    }
  std::sort(fixes.begin(), fixes.end(),
            [](const AccountCauseFix* a, const AccountCauseFix* b) { return a->fix->fixed < b->fix->fixed; });
  const double width = 1280, label_w = 250, row = 34, top = 6;
  const double fix_row = fixes.empty() ? 0 : 30;
  svg::TimeScale scale(dates, label_w + 10, width - 30);
  std::vector<std::pair<std::string, std::string>> legend_items = {
      {svg::outcome_color(Outcome::open), "open"},         {svg::outcome_color(Outcome::at_risk), "at risk"},
      {svg::outcome_color(Outcome::retained), "retained"}, {svg::outcome_color(Outcome::downgraded), "downgraded"},
      {svg::outcome_color(Outcome::churned), "churned"},   {svg::outcome_color(std::nullopt), "no outcome"}};
  if (!fixes.empty()) {
    legend_items.push_back({svg::k_good, "fix of a cause it hit: held, or too early to tell"});
    legend_items.push_back({svg::k_alert, "fix that did not hold (company-wide)"});
  }
  svg::Writer scratch(0, 0, "", "");
  double legend_h = svg::legend(scratch, legend_items, 0, 0, width);
  double plot_bottom = top + static_cast<double>(rows.size()) * row + fix_row;
  svg::Writer out(width, plot_bottom + 28 + legend_h, fmt::format("Escalations of {}", account::label(view)),
                  "One row per escalation from the day it was opened to the day it closed (open ones run to the "
                  "report date), coloured by its outcome and labelled with its severity; diamonds mark the fixes of "
                  "the causes it hit.");
  scale.axis(out, top, plot_bottom);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AccountEscalation& e = *rows[i];
    double y = top + static_cast<double>(i) * row, mid = y + row / 2;
    if (i > 0) out.line(0, y, width, y, svg::k_grid);
    out.text(0, mid - 2, svg::fit(e.id, label_w - 8, 12), 12, "start", "font-weight=\"600\"");
    out.text(0, mid + 11, svg::fit(e.title, label_w - 8, 10), 10, "start", "fill=\"" + svg::k_muted + "\"");
    double x0 = scale.x(*e.opened), x1 = scale.x(e.closed ? *e.closed : view.options.as_of);
    std::string color = svg::outcome_color(e.outcome);
    out.raw("<g>");
    out.tooltip(fmt::format("{}: {} ({}; {})", e.id, e.title, account::dates_text(e),
                            e.outcome ? std::string(to_string(*e.outcome)) : "no outcome"));
    out.rect(x0, mid - 6, std::max(x1 - x0, 8.0), 12, color, "rx=\"6\" fill-opacity=\"0.5\"");
    out.raw(fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
                        svg::num(x0), svg::num(mid), color));
    out.raw("</g>");
    std::string severity = account::severity(e.severity_assessed ? e.severity_assessed : e.severity_claimed);
    if (!severity.empty())
      out.text(std::max(x1 - x0, 8.0) + x0 + 6, mid + 4, severity, 11, "start", "fill=\"" + svg::k_ink + "\"");
  }
  if (!fixes.empty()) {
    double y = top + static_cast<double>(rows.size()) * row, mid = y + fix_row / 2;
    out.line(0, y, width, y, svg::k_grid);
    out.text(0, mid + 4, "fixes", 12, "start", "fill=\"" + svg::k_muted + "\"");
    for (const AccountCauseFix* f : fixes) {
      double x = scale.x(f->fix->fixed);
      out.raw("<g>");
      out.tooltip(fmt::format("{} fixed {}: {} company-wide", account::cause_title(taxonomy, f->code),
                              f->fix->fixed.to_string(), account::verdict_text(*f)));
      out.raw(fmt::format("<path d=\"M{} {}l6 6l-6 6l-6 -6z\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                          svg::num(x), svg::num(mid - 6),
                          f->fix->verdict == FixVerdict::did_not_hold ? svg::k_alert : svg::k_good));
      out.raw("</g>");
    }
  }
  svg::legend(out, legend_items, 0, plot_bottom + 28, width);
  return out.finish();
}

}  // namespace esc
