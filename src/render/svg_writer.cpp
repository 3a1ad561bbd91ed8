// Shared pieces of the SVG charts: the writer, colours, text fitting, time axes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "esc/render/xml_escape.hpp"
#include "svg.hpp"

namespace esc {

namespace svg {

std::string num(double value) {
  double rounded = std::round(value * 10) / 10;
  if (rounded == std::floor(rounded)) return fmt::format("{}", static_cast<long long>(rounded));
  return fmt::format("{:.1f}", rounded);
}

Writer::Writer(double width, double height, const std::string& title, const std::string& description)
    : m_width(width), m_height(height), m_title(title), m_description(description) {}

void Writer::rect(double x, double y, double w, double h, const std::string& fill, const std::string& extra) {
  m_body += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}{}/>", num(x), num(y),
                        num(std::max(w, 0.0)), num(std::max(h, 0.0)), fill, extra.empty() ? "" : " ", extra);
}

void Writer::line(double x1, double y1, double x2, double y2, const std::string& stroke, double width,
                  const std::string& extra) {
  m_body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{}/>",
                        num(x1), num(y1), num(x2), num(y2), stroke, num(width), extra.empty() ? "" : " ", extra);
}

void Writer::text(double x, double y, const std::string& text, double size, const std::string& anchor,
                  const std::string& extra) {
  m_body += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{}{}>{}</text>", num(x), num(y), num(size),
                        anchor == "start" ? "" : " text-anchor=\"" + anchor + "\"", extra.empty() ? "" : " ", extra,
                        escape_xml(text));
}

void Writer::tooltip(const std::string& text) {
  m_body += "<title>" + escape_xml(text) + "</title>";
}

void Writer::fitted_text(double x, double y, const std::string& text, double max_width, double size,
                         const std::string& anchor, const std::string& extra) {
  std::string shown = fit_middle(text, max_width, size);
  if (shown == text) return this->text(x, y, text, size, anchor, extra);
  raw("<g>");
  tooltip(text);
  this->text(x, y, shown, size, anchor, extra);
  raw("</g>");
}

std::string Writer::finish() const {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" "
      "fill=\"{2}\"><title>{3}</title><desc>{4}</desc>{5}</svg>",
      num(m_width), num(m_height), k_ink, escape_xml(m_title), escape_xml(m_description), m_body);
}

namespace {

// Okabe-Ito first (no yellow on white), then Paul Tol's wine and a purple;
// greens and oranges darkened or lightened until white or ink text reaches
// 4.5:1 on each. Index i is the taxonomy's i-th category.
const std::vector<std::string> k_palette = {"#0072b2", "#e69f00", "#007a5a", "#cc79a7", "#56b4e9",
                                            "#6c5ba7", "#b8a200", "#b34d00", "#882255"};

double luminance(const std::string& hex) {
  double sum = 0;
  const double weights[3] = {0.2126, 0.7152, 0.0722};
  for (int i = 0; i < 3; ++i) {
    double c = std::stoi(hex.substr(1 + 2 * static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0;
    c = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    sum += weights[i] * c;
  }
  return sum;
}

}  // namespace

const std::vector<std::string>& category_palette() {
  return k_palette;
}

double contrast(const std::string& a, const std::string& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const std::string& text_on(const std::string& fill) {
  static const std::string white = "#ffffff";
  return contrast(fill, white) >= contrast(fill, k_ink) ? white : k_ink;
}

Palette::Palette(const Taxonomy& taxonomy) {
  for (const auto& e : taxonomy.entries())
    if (e.parent < 0) {
      m_titles[e.code] = e.title;
      m_colors[e.code] = k_palette[m_order.size() % k_palette.size()];
      m_order.push_back(e.code);
    }
}

const std::string& Palette::color(const std::string& category) const {
  auto it = m_colors.find(category);
  return it == m_colors.end() ? k_unknown_category : it->second;
}

std::string Palette::tint(const std::string& category) const {
  const std::string& c = color(category);
  auto mix = [&](std::size_t at) {
    int value = std::stoi(c.substr(at, 2), nullptr, 16);
    return static_cast<int>(std::lround(value * 0.08 + 255 * 0.92));  // muted text on it keeps 4.5:1
  };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(1), mix(3), mix(5));
}

const std::string& Palette::title(const std::string& category) const {
  auto it = m_titles.find(category);
  return it == m_titles.end() ? category : it->second;
}

namespace {

// Labels from (x, y) in rows wrapped at `width`, each after a swatch `swatch`
// pixels wide that `draw(i, cx, cy)` draws; returns the height used.
double flow_legend(Writer& out, const std::vector<std::string>& labels, double x, double y, double width, double swatch,
                   const std::function<void(std::size_t, double, double)>& draw) {
  double cx = x, cy = y;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double w = swatch + text_width(labels[i], 12) + 18;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += 20;
    }
    draw(i, cx, cy);
    out.text(cx + swatch - 1, cy + 10.5, labels[i], 12, "start", "fill=\"" + k_muted + "\"");
    cx += w;
  }
  return labels.empty() ? 0 : cy - y + 20;
}

}  // namespace

double legend(Writer& out, const std::vector<std::pair<std::string, std::string>>& items, double x, double y,
              double width) {
  std::vector<std::string> labels;
  for (const auto& item : items) labels.push_back(item.second);
  return flow_legend(out, labels, x, y, width, 18, [&](std::size_t i, double cx, double cy) {
    out.rect(cx, cy, 12, 12, items[i].first, "rx=\"2\"");
  });
}

std::string outcome_color(const std::optional<Outcome>& outcome) {
  if (!outcome) return "#7b8794";
  switch (*outcome) {
    case Outcome::open:
      return "#0072b2";
    case Outcome::at_risk:
      return "#d55e00";
    case Outcome::retained:
      return "#007a5a";
    case Outcome::downgraded:
      return "#cc79a7";
    case Outcome::churned:
      return k_alert;
  }
  return "#7b8794";
}

std::string outcome_marker(const std::optional<Outcome>& outcome, double x, double y) {
  std::string color = outcome_color(outcome);
  const std::string halo = "stroke=\"#ffffff\" stroke-width=\"1.5\"";
  if (!outcome)
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{}\" {}/>", num(x - 4), num(y - 4),
                       color, halo);
  switch (*outcome) {
    case Outcome::retained:
      return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\" {}/>", num(x), num(y), color, halo);
    case Outcome::open:
      return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                         num(x), num(y), color);
    case Outcome::at_risk:
      return fmt::format("<path d=\"M{} {}l7 7l-7 7l-7 -7z\" fill=\"{}\" {}/>", num(x), num(y - 7), color, halo);
    case Outcome::downgraded:
      return fmt::format("<path d=\"M{} {}h14l-7 12z\" fill=\"{}\" {}/>", num(x - 7), num(y - 6), color, halo);
    case Outcome::churned:
      return fmt::format(
          "<path d=\"M{} {}l10 10m0 -10l-10 10\" stroke=\"#ffffff\" stroke-width=\"6\" stroke-linecap=\"round\"/>"
          "<path d=\"M{} {}l10 10m0 -10l-10 10\" stroke=\"{}\" stroke-width=\"3\" stroke-linecap=\"round\"/>",
          num(x - 5), num(y - 5), num(x - 5), num(y - 5), color);
  }
  return "";
}

double outcome_legend(Writer& out, double x, double y, double width) {
  const std::vector<std::pair<std::optional<Outcome>, std::string>> items = {
      {Outcome::open, "open"},         {Outcome::at_risk, "at risk"},
      {Outcome::retained, "retained"}, {Outcome::downgraded, "downgraded"},
      {Outcome::churned, "churned"},   {std::nullopt, "no outcome"}};
  std::vector<std::string> labels;
  for (const auto& item : items) labels.push_back(item.second);
  return flow_legend(out, labels, x, y, width, 20, [&](std::size_t i, double cx, double cy) {
    out.raw(outcome_marker(items[i].first, cx + 7, cy + 6));
  });
}

namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

double text_width(const std::string& text, double size) {
  // Generous per-character widths (DejaVu Sans, the widest common fallback).
  double units = 0;
  for (char c : text) {
    if (is_continuation(c)) continue;
    unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l' || c == 'j' || c == '\'' || c == '|' || c == ':')
      units += 0.32;
    else if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '-')
      units += 0.42;
    else if (std::isupper(u) || c == 'm' || c == 'w' || c == '$' || u >= 0x80)
      units += 0.76;
    else
      units += 0.62;
  }
  return units * size;
}

std::string fit(const std::string& text, double max_width, double size) {
  if (text_width(text, size) <= max_width) return text;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t end = i + 1;
    while (end < text.size() && is_continuation(text[end])) ++end;
    std::string next = out + text.substr(i, end - i);
    if (text_width(next + "…", size) > max_width) break;
    out = next;
    i = end - 1;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

std::string fit_middle(const std::string& text, double max_width, double size) {
  if (text_width(text, size) <= max_width) return text;
  // Whole UTF-8 characters, then drop from the middle until it fits.
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = i + 1;
    while (end < text.size() && is_continuation(text[end])) ++end;
    chars.push_back(text.substr(i, end - i));
    i = end;
  }
  std::size_t head = chars.size() / 2, tail = chars.size() - head;
  auto joined = [&] {
    std::string out;
    for (std::size_t i = 0; i < head; ++i) out += chars[i];
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "…";
    std::string end;
    for (std::size_t i = chars.size() - tail; i < chars.size(); ++i) end += chars[i];
    std::size_t lead = end.find_first_not_of(' ');
    return out + (lead == std::string::npos ? "" : end.substr(lead));
  };
  while (head + tail > 0 && text_width(joined(), size) > max_width) {
    if (head >= tail && head > 0)
      --head;
    else
      --tail;
  }
  return joined();
}

std::vector<std::string> wrap(const std::string& text, double max_width, double size, std::size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    start = end + 1;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || text_width(candidate, size) <= max_width) {
      line = candidate;
      continue;
    }
    if (lines.size() + 1 == max_lines) {
      line = candidate + " " + (start < text.size() ? text.substr(start) : "");
      break;
    }
    lines.push_back(line);
    line = word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  for (auto& l : lines) l = fit(l, max_width, size);
  if (lines.size() > max_lines) lines.resize(max_lines);
  return lines;
}

long days(const Date& date) {
  // Howard Hinnant's days_from_civil.
  long y = date.year - (date.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

TimeScale::TimeScale(const std::vector<Date>& dates, double left, double right) : m_left(left), m_right(right) {
  if (dates.empty()) return;
  Date first = *std::min_element(dates.begin(), dates.end());
  Date last = *std::max_element(dates.begin(), dates.end());
  Date start{first.year, (first.month - 1) / 3 * 3 + 1, 1};
  Date end{last.year, (last.month - 1) / 3 * 3 + 4, 1};
  if (end.month > 12) end = Date{end.year + 1, 1, 1};
  m_first = days(start);
  m_last = std::max(days(end), m_first + 1);
}

double TimeScale::x(const Date& date) const {
  double t = static_cast<double>(days(date) - m_first) / static_cast<double>(m_last - m_first);
  return m_left + std::clamp(t, 0.0, 1.0) * (m_right - m_left);
}

void TimeScale::axis(Writer& out, double top, double bottom) const {
  // Grid lines at quarter starts (darker at years); labels per year, or per
  // quarter when the range is under about two years.
  bool quarters = m_last - m_first < 800;
  auto x_of_day = [&](long day) {
    return m_left + static_cast<double>(day - m_first) / static_cast<double>(m_last - m_first) * (m_right - m_left);
  };
  auto label = [&](long from, long to, const std::string& text) {
    from = std::max(from, m_first);
    to = std::min(to, m_last);
    if (to - from >= 45)
      out.text((x_of_day(from) + x_of_day(to)) / 2, bottom + 16, text, 11, "middle", "fill=\"" + k_muted + "\"");
  };
  int first_year = 1970 + static_cast<int>(static_cast<double>(m_first) / 365.2425) - 1;
  for (int y = first_year; days(Date{y, 1, 1}) <= m_last; ++y) {
    for (int q = 0; q < 4; ++q) {
      long start = days(Date{y, q * 3 + 1, 1});
      long end = q == 3 ? days(Date{y + 1, 1, 1}) : days(Date{y, q * 3 + 4, 1});
      if (start >= m_first && start <= m_last)
        out.line(x_of_day(start), top, x_of_day(start), bottom + (q == 0 ? 6 : 0), q == 0 ? "#cbd2d9" : k_grid, 1);
      if (quarters) label(start, end, fmt::format("Q{} {}", q + 1, y));
    }
    if (!quarters) label(days(Date{y, 1, 1}), days(Date{y + 1, 1, 1}), std::to_string(y));
  }
}

}  // namespace svg
}  // namespace esc
