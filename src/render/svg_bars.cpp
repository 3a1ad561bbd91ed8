// Bar charts: top causes, department accountability.
#include <algorithm>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "svg.hpp"

namespace esc {

std::string svg_top_causes(const Report& report, std::size_t limit, bool narrow) {
  if (report.causes.empty()) return "";
  svg::Palette palette(report);
  std::size_t rows = std::min(limit, report.causes.size());
  std::size_t max_accounts = 1;
  for (std::size_t i = 0; i < rows; ++i) max_accounts = std::max(max_accounts, report.causes[i].accounts);
  // Wide: the title left of the bar. Narrow (phones): the title above the bar.
  const double width = narrow ? 360 : 760, label_w = narrow ? 360 : 290, bar_x = narrow ? 0 : 300;
  const double bar_max = narrow ? 110 : 200, title_size = narrow ? 14 : 13;
  std::vector<std::vector<std::string>> titles;
  std::vector<double> tops{6};
  for (std::size_t i = 0; i < rows; ++i) {
    titles.push_back(svg::wrap(report.causes[i].title, label_w, title_size, 2));
    tops.push_back(tops.back() + (narrow ? 17.0 * static_cast<double>(titles.back().size()) + 34 : 44));
  }
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < rows; ++i) seen.push_back(report.causes[i].category);
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  std::vector<std::pair<std::string, std::string>> legend_items;
  for (const auto& category : seen) legend_items.push_back({palette.color(category), palette.title(category)});
  svg::Writer scratch(0, 0, "", "");
  double legend_h = svg::legend(scratch, legend_items, 0, 0, width);
  svg::Writer out(width, tops.back() + 10 + legend_h, fmt::format("Top {} causes by accounts", rows),
                  "One bar per cause: the number of accounts where it was found, with their ARR and churn.");
  for (std::size_t i = 0; i < rows; ++i) {
    const CauseStat& c = report.causes[i];
    double y = tops[i];
    out.raw("<g>");
    out.tooltip(fmt::format("{} ({}): {}, {} cases, {} ARR, {} churned", c.title, c.code,
                            count_of(c.accounts, "account"), c.cases, format_money(c.arr), c.churned_accounts));
    double line_y = narrow ? y + 14 : y + (titles[i].size() == 1 ? 26 : 18);
    for (const auto& line : titles[i]) {
      out.text(0, line_y, line, title_size);
      line_y += narrow ? 17 : 16;
    }
    double bar_y = narrow ? line_y - 8 : y + 12;
    double w = bar_max * static_cast<double>(c.accounts) / static_cast<double>(max_accounts);
    out.rect(bar_x, bar_y, w, 18, palette.color(c.category), "rx=\"3\"");
    std::string label =
        fmt::format("{} · {}{}", count_of(c.accounts, "account"), format_money(c.arr), narrow ? "" : " ARR");
    out.text(bar_x + w + 8, bar_y + 14, label, 12);
    if (c.churned_accounts > 0)
      out.text(bar_x + w + 14 + svg::text_width(label, 12), bar_y + 14, fmt::format("{} churned", c.churned_accounts),
               12, "start", "fill=\"" + svg::k_alert + "\" font-weight=\"600\"");
    out.raw("</g>");
  }
  svg::legend(out, legend_items, 0, tops.back() + 10, width);
  return out.finish();
}

std::string svg_departments(const Report& report) {
  std::vector<const DepartmentStat*> rows;
  for (const auto& d : report.departments)
    if (d.causes + d.actions_open + d.actions_overdue + d.owner_absent > 0) rows.push_back(&d);
  if (rows.empty()) return "";
  struct Metric {
    const char* label;
    std::size_t DepartmentStat::*field;
    std::string color;
  };
  const std::vector<Metric> metrics = {{"Causes owned", &DepartmentStat::causes, "#0072b2"},
                                       {"Open actions", &DepartmentStat::actions_open, "#56b4e9"},
                                       {"Overdue actions", &DepartmentStat::actions_overdue, svg::k_alert},
                                       {"Missed own autopsy", &DepartmentStat::owner_absent, "#d55e00"}};
  const double label_w = 170, column = 145, bar_max = 95, row = 28, top = 30;
  svg::Writer out(label_w + column * 4, top + static_cast<double>(rows.size()) * row + 4, "Department accountability",
                  "Per department: causes it owns, its open and overdue follow-up actions, and autopsies of its own "
                  "causes it did not attend.");
  for (std::size_t m = 0; m < metrics.size(); ++m)
    out.text(label_w + column * static_cast<double>(m), 16, metrics[m].label, 12, "start",
             "fill=\"" + svg::k_muted + "\" font-weight=\"600\"");
  out.line(0, top - 6, label_w + column * 4, top - 6, svg::k_grid);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::size_t max = 1;
    for (const auto* d : rows) max = std::max(max, d->*metrics[m].field);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t value = rows[i]->*metrics[m].field;
      double x = label_w + column * static_cast<double>(m), y = top + static_cast<double>(i) * row;
      double w = bar_max * static_cast<double>(value) / static_cast<double>(max);
      if (value > 0) out.rect(x, y + 5, w, 14, metrics[m].color, "rx=\"2\"");
      out.text(x + w + (value > 0 ? 6 : 0), y + 16.5, std::to_string(value), 12, "start",
               value == 0 ? "fill=\"" + svg::k_muted + "\"" : "");
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.text(0, top + static_cast<double>(i) * row + 16.5, svg::fit(rows[i]->title, label_w - 10, 13), 13);
  return out.finish();
}

}  // namespace esc
