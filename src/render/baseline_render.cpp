// The change since a baseline in words, and the text report's section of it.
#include <cmath>

#include <fmt/format.h>

#include "esc/render/baseline.hpp"
#include "esc/render/findings.hpp"
#include "esc/render/text_escape.hpp"
#include "esc/render/text_table.hpp"

namespace esc {
namespace {

constexpr std::size_t k_rows = 10;

// Word-wraps `text` so that lines after the first fit `width` columns from
// `indent` (the first line from where it starts); breaks at ", ".
std::string wrap_text(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(", ", start);
    std::string word = text.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end == std::string::npos ? text.size() : end + 2;
  }
  return out + line;
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  std::size_t w = display_width(text);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

std::string coloured(const Style& style, const Change& c, const std::string& text) {
  std::string tone = change_tone(c);
  if (tone == "worse") return style.red(text);
  if (tone == "better") return style.green(text);
  return style.dim(text);
}

// "3 accounts (▲ +1 more)" for one value of a cause or department; `plain`
// gets its width without colour.
std::string item_value(const Style& style, const Change& c, std::size_t& plain) {
  bool one = c.now == 1;
  std::string noun = c.key == "cases"      ? (one ? "case" : "cases")
                     : c.key == "accounts" ? (one ? "account" : "accounts")
                                           : (one ? "overdue action" : "overdue actions");
  std::string head = fmt::format("{} {} (", change_value(c, c.now), noun);
  plain = display_width(head) + display_width(change_text(c)) + 1;
  return head + coloured(style, c, change_text(c)) + ")";
}

// One line per item within `width` (continuations indented by 6): its id,
// "(new)", then its values.
void items(std::ostream& out, const std::vector<ItemChange>& list, const Style& style, std::size_t width,
           const char* title) {
  std::vector<const ItemChange*> shown, gone;
  for (const auto& item : list) {
    if (item.status == ItemChange::Status::gone)
      gone.push_back(&item);
    else if (shown.size() < k_rows)
      shown.push_back(&item);
  }
  if (shown.empty() && gone.empty()) return;
  out << "  " << style.bold(title) << '\n';
  for (const ItemChange* item : shown) {
    std::string id = escape_text(item->id);
    bool added = item->status == ItemChange::Status::added;
    out << "    " << id << (added ? style.yellow(" (new)") : "") << ':';
    std::size_t column = 4 + display_width(id) + (added ? 6 : 0) + 1;
    std::vector<std::pair<std::string, std::size_t>> parts;  // coloured text, plain width
    for (const auto& c : item->values) {
      if (c.key == "arr") continue;  // ARR per row: in the JSON report
      std::size_t plain = 0;
      std::string part = item_value(style, c, plain);
      parts.emplace_back(std::move(part), plain);
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      std::size_t comma = i + 1 < parts.size() ? 1 : 0;
      if (column + 1 + parts[i].second + comma > width && column > 6) {
        out << "\n      ";
        column = 6;
      } else {
        out << ' ';
        ++column;
      }
      out << parts[i].first << (comma ? "," : "");
      column += parts[i].second + comma;
    }
    out << '\n';
  }
  if (!gone.empty()) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < gone.size() && i < k_rows; ++i) ids.push_back(escape_text(gone[i]->id));
    std::string more = gone.size() > k_rows ? fmt::format(" and {} more", gone.size() - k_rows) : "";
    out << "    " << style.green("gone since then:") << ' '
        << wrap_text(fmt::format("{}{}", fmt::join(ids, ", "), more), width > 22 ? width - 21 : 1, 6) << '\n';
  }
}

}  // namespace

std::string change_tone(const Change& c) {
  if (c.delta == 0) return "unchanged";
  if (c.direction == Direction::neutral) return "neutral";
  bool up = c.delta > 0;
  return up == (c.direction == Direction::more_is_worse) ? "worse" : "better";
}

std::string change_value(const Change& c, double value) {
  if (c.money) return format_money(value);
  if (value >= 0 && std::floor(value) == value && value < 9e15) return format_count(static_cast<std::size_t>(value));
  return fmt::format("{}", value);
}

std::string change_text(const Change& c) {
  if (c.delta == 0) return "no change";
  bool up = c.delta > 0;
  std::string amount = change_value(c, std::fabs(c.delta));
  const char* word = up ? "more" : (c.money ? "less" : "fewer");
  return fmt::format("{} {}{} {}", up ? "▲" : "▼", up ? "+" : "−", amount, word);
}

void render_baseline_text(std::ostream& out, const BaselineComparison& b, const Style& style, std::size_t width) {
  out << '\n'
      << style.bold("Since " + escape_text(b.as_of)) << style.dim(" (baseline " + escape_text(b.file) + ")") << '\n';
  for (const auto& d : b.filter_differences)
    out << "  " << style.yellow(wrap_text("Not like for like: " + escape_text(d), width > 4 ? width - 4 : 1, 4))
        << '\n';
  std::size_t label_width = 0, then_width = 0, now_width = 0;
  for (const auto& figure : baseline_figures())
    for (const auto& c : b.figures)
      if (c.key == figure.key) {
        label_width = std::max(label_width, display_width(figure.label));
        then_width = std::max(then_width, display_width(change_value(c, c.then)));
        now_width = std::max(now_width, display_width(change_value(c, c.now)));
      }
  for (const auto& figure : baseline_figures())
    for (const auto& c : b.figures)
      if (c.key == figure.key)
        out << "  " << pad(figure.label, label_width, false) << "  " << pad(change_value(c, c.then), then_width, true)
            << " → " << pad(change_value(c, c.now), now_width, true) << "  " << coloured(style, c, change_text(c))
            << '\n';
  items(out, b.causes, style, width, "Causes");
  items(out, b.departments, style, width, "Departments");
}

}  // namespace esc
