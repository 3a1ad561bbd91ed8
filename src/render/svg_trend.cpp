// Quarterly trend (columns and small multiples) and the severity grid.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "svg.hpp"

namespace esc {
namespace {

// A round step for about five ticks up to `max`.
std::size_t nice_step(std::size_t max) {
  for (std::size_t step : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000})
    if (max / step <= 5) return step;
  return max / 5 + 1;
}

std::string percent(double share) {
  return fmt::format("{}%", static_cast<long>(std::lround(share * 100)));
}

const std::string k_column = "#52606d";  // the cases-opened columns: neutral, not a category

}  // namespace

std::string svg_trend(const Report& report, const Taxonomy& taxonomy) {
  // Never a quarter after --as-of, even from a report built elsewhere.
  std::vector<TrendPoint> trend;
  const std::string last_quarter = report.options.as_of.quarter();
  for (const auto& t : report.trend)
    if (t.quarter <= last_quarter) trend.push_back(t);
  if (trend.empty()) return "";
  svg::Palette palette(taxonomy);
  // The categories cited in the trend, in taxonomy order (unknown ones last).
  std::vector<std::string> categories;
  auto cited = [&](const std::string& code) {
    for (const auto& t : trend)
      if (t.categories.count(code)) return true;
    return false;
  };
  for (const auto& code : palette.categories())
    if (cited(code)) categories.push_back(code);
  for (const auto& t : trend)
    for (const auto& [code, n] : t.categories)
      if (std::find(categories.begin(), categories.end(), code) == categories.end()) categories.push_back(code);
  std::size_t max_cases = 1;
  double max_share = 0;
  for (const auto& t : trend) {
    max_cases = std::max(max_cases, t.cases);
    for (const auto& [code, n] : t.categories)
      if (t.cases > 0) max_share = std::max(max_share, static_cast<double>(n) / static_cast<double>(t.cases));
  }
  // One scale for every small multiple: 0 to the highest share rounded up to 10%.
  double share_max = std::clamp(std::ceil(max_share * 10 - 1e-9) / 10, 0.1, 1.0);

  std::size_t step = nice_step(max_cases);
  std::size_t axis_max = (max_cases + step - 1) / step * step;
  // The left margin holds the tick labels only; titles sit above the plots.
  const double width = 760, left = std::max(44.0, svg::text_width(std::to_string(axis_max), 11) + 16);
  // Tick labels on both sides: a phone opens the chart at its newest (right) end.
  const double right = width - (left - 8), top = 50, plot_h = 120, axis_h = 26;
  const double rows_top = top + plot_h + axis_h + 44, row_h = 46, bar_h = 24;
  const double height = rows_top + row_h * static_cast<double>(categories.size()) + 4;
  const std::string first = trend.front().quarter, last = trend.back().quarter;
  svg::Writer out(width, height, "Cases opened per quarter, and the share citing each category",
                  fmt::format("Columns: the number of cases opened in each quarter from {} to {} (quarters without "
                              "cases show 0). Below, one row per category on one shared scale from 0 to {}: the "
                              "share of the quarter's cases that cite it; a case citing two categories counts in "
                              "both rows, so a quarter's shares can add up to more than 100%.",
                              first, last, percent(share_max)));
  double slot = (right - left) / static_cast<double>(trend.size());
  double column = std::min(46.0, slot * 0.7);
  auto center = [&](std::size_t i) { return left + slot * (static_cast<double>(i) + 0.5); };
  const std::string muted = "fill=\"" + svg::k_muted + "\"";

  // Cases opened: a labelled y axis with round ticks.
  out.text(0, 14, "Cases opened per quarter", 13, "start", "font-weight=\"600\"");
  out.text(0, top - 16, "cases opened", 11, "start", muted);  // the y axis's label, over its ticks
  out.text(width, top - 16, "cases opened", 11, "end", muted);
  auto y_of = [&](double value) { return top + plot_h - plot_h * value / static_cast<double>(axis_max); };
  for (std::size_t v = 0; v <= axis_max; v += step) {
    double y = y_of(static_cast<double>(v));
    out.line(left, y, right, y, v == 0 ? svg::k_muted : svg::k_grid);
    out.text(left - 6, y + 4, std::to_string(v), 11, "end", muted);
    out.text(right + 6, y + 4, std::to_string(v), 11, "start", muted);
  }
  std::string widest = std::to_string(max_cases);
  bool value_labels = svg::text_width(widest, 11) + 4 <= slot;
  std::size_t label_every = 1;
  while (svg::text_width("2024-Q1", 11) + 8 > slot * static_cast<double>(label_every)) ++label_every;
  for (std::size_t i = 0; i < trend.size(); ++i) {
    const TrendPoint& t = trend[i];
    double x = center(i) - column / 2, y = y_of(static_cast<double>(t.cases));
    out.raw("<g>");
    out.tooltip(fmt::format("{}: {} case{} opened", t.quarter, t.cases, t.cases == 1 ? "" : "s"));
    if (t.cases > 0) out.rect(x, y, column, top + plot_h - y, k_column);
    if (value_labels) out.text(center(i), y - 4, std::to_string(t.cases), 11, "middle", t.cases == 0 ? muted : "");
    out.raw("</g>");
    if (i % label_every == 0) {
      double half = svg::text_width(t.quarter, 11) / 2;  // kept inside the chart at the edges
      out.text(std::clamp(center(i), half + 1, width - half - 1), top + plot_h + 16, t.quarter, 11, "middle", muted);
    }
  }

  // Small multiples: the share of each quarter's cases citing a category.
  out.text(0, rows_top - 22, "Share of the quarter's cases citing each category", 13, "start", "font-weight=\"600\"");
  out.text(
      0, rows_top - 6,
      fmt::format("every row on one scale, 0 to {}; a case citing two categories counts in both", percent(share_max)),
      12, "start", muted);
  for (std::size_t r = 0; r < categories.size(); ++r) {
    const std::string& code = categories[r];
    // The category's name above its strip, aligned with the columns: room for long titles.
    double row_top = rows_top + row_h * static_cast<double>(r), base = row_top + 20 + bar_h;
    out.rect(left, row_top + 4, 11, 11, palette.color(code), "rx=\"2\"");
    // Named at both ends (the left copy may take half the width): a phone
    // opens the chart at its newest end, and the name must be there too.
    double half = (right - left) / 2;
    out.fitted_text(left + 16, row_top + 14, palette.title(code), half - 26, 12);
    out.fitted_text(right, row_top + 14, palette.title(code), half - 10, 12, "end");
    out.line(left, base - bar_h, right, base - bar_h, svg::k_grid, 1, "stroke-dasharray=\"2 3\"");
    out.line(left, base, right, base, svg::k_muted);
    out.text(left - 6, base - bar_h + 4, percent(share_max), 10, "end", muted);
    out.text(left - 6, base + 4, "0", 10, "end", muted);
    out.text(right + 6, base - bar_h + 4, percent(share_max), 10, "start", muted);
    out.text(right + 6, base + 4, "0", 10, "start", muted);
    for (std::size_t i = 0; i < trend.size(); ++i) {
      const TrendPoint& t = trend[i];
      auto it = t.categories.find(code);
      std::size_t n = it == t.categories.end() ? 0 : it->second;
      if (t.cases == 0) continue;  // no cases, no share: the column above shows the 0
      double share = static_cast<double>(n) / static_cast<double>(t.cases);
      double h = bar_h * share / share_max;
      out.raw("<g>");
      out.tooltip(fmt::format("{} {}: {} of {} case{} ({})", t.quarter, palette.title(code), n, t.cases,
                              t.cases == 1 ? "" : "s", percent(share)));
      out.rect(center(i) - column / 2, base - h, column, h, palette.color(code));
      out.raw("</g>");
    }
  }
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
      {"#e69f00", "opened as more severe than found"}, {"#9aa5b1", "as found"}, {"#56b4e9", "opened as less severe"}};
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
      std::string color = c > r ? "#e69f00" : c == r ? "#9aa5b1" : "#56b4e9";
      double x = left + cell_w * c;
      double opacity = n == 0 ? 0 : 0.25 + 0.75 * static_cast<double>(n) / static_cast<double>(max);
      out.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, "#f5f7fa", "rx=\"3\"");
      if (n > 0)
        out.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, color, "rx=\"3\" fill-opacity=\"" + svg::num(opacity) + "\"");
      out.text(x + cell_w / 2, y + cell_h / 2 + 5, std::to_string(n), 14, "middle",
               n == 0 ? "fill=\"" + svg::k_muted + "\"" : "font-weight=\"600\"");
    }
  }
  svg::legend(out, legend_items, 0, top + 4 * cell_h + 14, width);
  return out.finish();
}

}  // namespace esc
