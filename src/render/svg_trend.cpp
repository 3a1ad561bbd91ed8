// Quarterly trend (stacked columns) and the severity grid.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "svg.hpp"

namespace esc {
namespace {

// A round step for about five ticks up to `max`.
std::size_t nice_step(std::size_t max) {
  for (std::size_t step : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000})
    if (max / step <= 5) return step;
  return max / 5 + 1;
}

}  // namespace

std::string svg_trend(const Report& report) {
  if (report.trend.empty()) return "";
  svg::Palette palette(report);
  std::vector<std::string> categories;
  std::size_t max_total = 1;
  for (const auto& t : report.trend) {
    std::size_t total = 0;
    for (const auto& [code, n] : t.categories) {
      total += n;
      if (std::find(categories.begin(), categories.end(), code) == categories.end()) categories.push_back(code);
    }
    max_total = std::max(max_total, total);
  }
  std::sort(categories.begin(), categories.end());
  std::vector<std::pair<std::string, std::string>> legend_items;
  for (const auto& c : categories) legend_items.push_back({palette.color(c), palette.title(c)});
  const double width = 760, left = 34, top = 12, plot_h = 200, right = width - 6;
  svg::Writer scratch(0, 0, "", "");
  double legend_h = svg::legend(scratch, legend_items, 0, 0, width);
  svg::Writer out(width, top + plot_h + 34 + legend_h, "Causes found per quarter, by category",
                  "Stacked columns: for each quarter (by the date a case was opened), the number of cases citing "
                  "each category; a case citing two categories counts in both.");
  std::size_t step = nice_step(max_total);
  std::size_t axis_max = (max_total + step - 1) / step * step;
  auto y_of = [&](double value) { return top + plot_h - plot_h * value / static_cast<double>(axis_max); };
  for (std::size_t v = 0; v <= axis_max; v += step) {
    out.line(left, y_of(static_cast<double>(v)), right, y_of(static_cast<double>(v)), svg::k_grid);
    out.text(left - 6, y_of(static_cast<double>(v)) + 4, std::to_string(v), 11, "end", "fill=\"" + svg::k_muted + "\"");
  }
  double slot = (right - left) / static_cast<double>(report.trend.size());
  double column = std::min(46.0, slot * 0.66);
  std::size_t label_every = slot < 52 ? static_cast<std::size_t>(std::ceil(52 / slot)) : 1;
  for (std::size_t i = 0; i < report.trend.size(); ++i) {
    const TrendPoint& t = report.trend[i];
    double x = left + slot * (static_cast<double>(i) + 0.5) - column / 2;
    double stacked = 0;
    for (const auto& code : categories) {
      auto it = t.categories.find(code);
      if (it == t.categories.end() || it->second == 0) continue;
      double y0 = y_of(stacked), y1 = y_of(stacked + static_cast<double>(it->second));
      out.raw("<g>");
      out.tooltip(
          fmt::format("{} {}: {} case{}", t.quarter, palette.title(code), it->second, it->second == 1 ? "" : "s"));
      out.rect(x, y1, column, y0 - y1 - 1, palette.color(code));
      if (y0 - y1 >= 15)
        out.text(x + column / 2, (y0 + y1) / 2 + 4, std::to_string(it->second), 11, "middle", "fill=\"#ffffff\"");
      out.raw("</g>");
      stacked += static_cast<double>(it->second);
    }
    if (i % label_every == 0)
      out.text(x + column / 2, top + plot_h + 16, t.quarter, 11, "middle", "fill=\"" + svg::k_muted + "\"");
  }
  out.line(left, top + plot_h, right, top + plot_h, svg::k_muted);
  svg::legend(out, legend_items, 0, top + plot_h + 30, width);
  return out.finish();
}

std::string svg_severity(const Report& report) {
  if (report.severity.rated == 0) return "";
  const auto& m = report.severity.matrix;
  std::size_t max = 1;
  for (const auto& row : m)
    for (auto n : row) max = std::max(max, n);
  const double left = 118, top = 40, cell_w = 66, cell_h = 40;
  std::vector<std::pair<std::string, std::string>> legend_items = {
      {"#e69f00", "opened as more severe than found"}, {"#7b8794", "as found"}, {"#56b4e9", "opened as less severe"}};
  svg::Writer scratch(0, 0, "", "");
  double width = left + 4 * cell_w + 8;
  double legend_h = svg::legend(scratch, legend_items, 0, 0, width);
  svg::Writer out(width, top + 4 * cell_h + 14 + legend_h, "Severity claimed against severity found in review",
                  fmt::format("{} of {} rated cases were opened as more severe than the review found.",
                              report.severity.inflated, report.severity.rated));
  out.text(left + 2 * cell_w, 14, "Found in review", 12, "middle", "fill=\"" + svg::k_muted + "\" font-weight=\"600\"");
  for (int c = 0; c < 4; ++c)
    out.text(left + cell_w * (c + 0.5), top - 8, fmt::format("sev{}", c + 1), 12, "middle",
             "fill=\"" + svg::k_muted + "\"");
  for (int r = 0; r < 4; ++r) {
    double y = top + cell_h * r;
    out.text(left - 10, y + cell_h / 2 + 4, fmt::format("opened sev{}", r + 1), 12, "end",
             "fill=\"" + svg::k_muted + "\"");
    for (int c = 0; c < 4; ++c) {
      std::size_t n = m[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      std::string color = c > r ? "#e69f00" : c == r ? "#7b8794" : "#56b4e9";
      double x = left + cell_w * c;
      double opacity = n == 0 ? 0 : 0.25 + 0.75 * static_cast<double>(n) / static_cast<double>(max);
      out.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, "#f5f7fa", "rx=\"3\"");
      if (n > 0)
        out.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, color, "rx=\"3\" fill-opacity=\"" + svg::num(opacity) + "\"");
      out.text(x + cell_w / 2, y + cell_h / 2 + 5, std::to_string(n), 14, "middle",
               n == 0 ? "fill=\"#9aa5b1\"" : "font-weight=\"600\"");
    }
  }
  svg::legend(out, legend_items, 0, top + 4 * cell_h + 14, width);
  return out.finish();
}

}  // namespace esc
