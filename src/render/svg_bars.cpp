// Bar charts: top causes, department accountability.
#include <algorithm>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "svg.hpp"

namespace esc {

std::string svg_top_causes(const Report& report, const Taxonomy& taxonomy, std::size_t limit, bool narrow) {
  if (report.causes.empty()) return "";
  svg::Palette palette(taxonomy);
  std::size_t rows = std::min(limit, report.causes.size());
  std::size_t max_accounts = 1;
  for (std::size_t i = 0; i < rows; ++i) max_accounts = std::max(max_accounts, report.causes[i].accounts);
  // Wide: the title left of the bar. Narrow (phones): the title above the bar.
  const double width = narrow ? 360 : 760, label_w = narrow ? 360 : 290, bar_x = narrow ? 0 : 300;
  const double title_size = narrow ? 14 : 13;
  // The labels right of the bars ("3 accounts · $1.2M ARR  2 churned"): the
  // longest one decides how long the longest bar may be, so none is cut.
  std::vector<std::string> labels, churn_labels;
  double label_room = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const CauseStat& c = report.causes[i];
    labels.push_back(
        fmt::format("{} · {}{}", count_of(c.accounts, "account"), format_money(c.arr), narrow ? "" : " ARR"));
    churn_labels.push_back(c.churned_accounts > 0 ? fmt::format("{} churned", c.churned_accounts) : "");
    double w = 8 + svg::text_width(labels.back(), 12);
    if (!churn_labels.back().empty()) w += 6 + svg::text_width(churn_labels.back(), 12) * 1.08;  // bold
    label_room = std::max(label_room, w);
  }
  const double bar_max = std::max(40.0, std::min(narrow ? 150.0 : 220.0, width - bar_x - label_room - 4));
  std::vector<std::vector<std::string>> titles;
  std::vector<double> tops{6};
  for (std::size_t i = 0; i < rows; ++i) {
    titles.push_back(svg::wrap(report.causes[i].title, label_w, title_size, 2));
    tops.push_back(tops.back() + (narrow ? 17.0 * static_cast<double>(titles.back().size()) + 34 : 44));
  }
  std::vector<std::string> seen;
  for (const auto& category : palette.categories())
    for (std::size_t i = 0; i < rows; ++i)
      if (report.causes[i].category == category) {
        seen.push_back(category);
        break;
      }
  for (std::size_t i = 0; i < rows; ++i)  // categories the taxonomy does not know, last
    if (std::find(seen.begin(), seen.end(), report.causes[i].category) == seen.end())
      seen.push_back(report.causes[i].category);
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
    out.text(bar_x + w + 8, bar_y + 14, labels[i], 12);
    if (!churn_labels[i].empty())
      out.text(bar_x + w + 14 + svg::text_width(labels[i], 12), bar_y + 14, churn_labels[i], 12, "start",
               "fill=\"" + svg::k_alert + "\" font-weight=\"600\"");
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
  // One scale for every bar: all four are counts, and separate scales made a
  // department's single overdue action look as long as another's forty causes.
  std::size_t max = 1;
  for (const auto* d : rows)
    for (const auto& m : metrics) max = std::max(max, d->*m.field);
  const double label_w = 170, column = 145, bar_max = 95, row = 28, top = 30;
  const double plot_bottom = top + static_cast<double>(rows.size()) * row;
  svg::Writer out(label_w + column * 4, plot_bottom + 36, "Department accountability",
                  fmt::format("Per department: causes it owns, its open and overdue follow-up actions, and autopsies "
                              "of its own causes it did not attend. Every bar is on one scale: a full-width bar is {}.",
                              max));
  for (std::size_t m = 0; m < metrics.size(); ++m)
    out.text(label_w + column * static_cast<double>(m), 16, metrics[m].label, 12, "start",
             "fill=\"" + svg::k_muted + "\" font-weight=\"600\"");
  out.line(0, top - 6, label_w + column * 4, top - 6, svg::k_grid);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    double x = label_w + column * static_cast<double>(m);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t value = rows[i]->*metrics[m].field;
      double y = top + static_cast<double>(i) * row;
      double w = bar_max * static_cast<double>(value) / static_cast<double>(max);
      if (value > 0) w = std::max(w, 2.0);  // a nonzero count stays visible
      if (value > 0) out.rect(x, y + 5, w, 14, metrics[m].color, "rx=\"2\"");
      out.text(x + w + (value > 0 ? 6 : 0), y + 16.5, std::to_string(value), 12, "start",
               value == 0 ? "fill=\"" + svg::k_muted + "\"" : "");
    }
    // The shared scale under each column: 0 and the common maximum.
    out.line(x, plot_bottom + 4, x + bar_max, plot_bottom + 4, svg::k_muted);
    out.line(x, plot_bottom + 1, x, plot_bottom + 7, svg::k_muted);
    out.line(x + bar_max, plot_bottom + 1, x + bar_max, plot_bottom + 7, svg::k_muted);
    out.text(x, plot_bottom + 20, "0", 11, "start", "fill=\"" + svg::k_muted + "\"");
    out.text(x + bar_max, plot_bottom + 20, std::to_string(max), 11, "middle", "fill=\"" + svg::k_muted + "\"");
  }
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.fitted_text(0, top + static_cast<double>(i) * row + 16.5, rows[i]->title, label_w - 10, 13);
  return out.finish();
}

}  // namespace esc
