// Shared pieces of the SVG charts: the writer, colours, text fitting, time axes.
#include <algorithm>
#include <cctype>
#include <cmath>

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

std::string Writer::finish() const {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" "
      "fill=\"{2}\"><title>{3}</title><desc>{4}</desc>{5}</svg>",
      num(m_width), num(m_height), k_ink, escape_xml(m_title), escape_xml(m_description), m_body);
}

namespace {

// Okabe-Ito, reordered so neighbours differ in lightness; no yellow on white.
const std::vector<std::string> k_palette = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                            "#56b4e9", "#d55e00", "#8c7b00", "#7f7f7f"};

}  // namespace

Palette::Palette(const Report& report) {
  for (const auto& c : report.categories) {
    m_order.push_back(c.code);
    m_titles[c.code] = c.title;
  }
  for (const auto& t : report.trend)
    for (const auto& [code, n] : t.categories)
      if (!m_titles.count(code)) {
        m_order.push_back(code);
        m_titles[code] = code;
      }
  for (const auto& c : report.causes)
    if (!m_titles.count(c.category)) {
      m_order.push_back(c.category);
      m_titles[c.category] = c.category;
    }
  std::sort(m_order.begin(), m_order.end());
  for (std::size_t i = 0; i < m_order.size(); ++i) m_colors[m_order[i]] = k_palette[i % k_palette.size()];
}

const std::string& Palette::color(const std::string& category) const {
  auto it = m_colors.find(category);
  return it == m_colors.end() ? k_palette.back() : it->second;
}

std::string Palette::tint(const std::string& category) const {
  const std::string& c = color(category);
  auto mix = [&](std::size_t at) {
    int value = std::stoi(c.substr(at, 2), nullptr, 16);
    return static_cast<int>(std::lround(value * 0.14 + 255 * 0.86));
  };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(1), mix(3), mix(5));
}

const std::string& Palette::title(const std::string& category) const {
  auto it = m_titles.find(category);
  return it == m_titles.end() ? category : it->second;
}

double legend(Writer& out, const std::vector<std::pair<std::string, std::string>>& items, double x, double y,
              double width) {
  double cx = x, cy = y;
  for (const auto& [color, label] : items) {
    double w = 18 + text_width(label, 12) + 18;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += 20;
    }
    out.rect(cx, cy, 12, 12, color, "rx=\"2\"");
    out.text(cx + 17, cy + 10.5, label, 12, "start", "fill=\"" + k_muted + "\"");
    cx += w;
  }
  return items.empty() ? 0 : cy - y + 20;
}

std::string outcome_color(const std::optional<Outcome>& outcome) {
  if (!outcome) return "#9aa5b1";
  switch (*outcome) {
    case Outcome::open:
      return "#e69f00";
    case Outcome::at_risk:
      return "#d55e00";
    case Outcome::retained:
      return "#009e73";
    case Outcome::downgraded:
      return "#cc79a7";
    case Outcome::churned:
      return k_alert;
  }
  return "#9aa5b1";
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
