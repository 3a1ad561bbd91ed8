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

// "3 accounts (▲ +1 more)" for one value of a cause or department.
std::string item_value(const Style& style, const Change& c) {
  bool one = c.now == 1;
  std::string noun = c.key == "cases"      ? (one ? "case" : "cases")
                     : c.key == "accounts" ? (one ? "account" : "accounts")
                                           : (one ? "overdue action" : "overdue actions");
  return fmt::format("{} {} ({})", change_value(c, c.now), noun, coloured(style, c, change_text(c)));
}

void items(std::ostream& out, const std::vector<ItemChange>& list, const Style& style, const char* title) {
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
    std::vector<std::string> parts;
    for (const auto& c : item->values)
      if (c.key != "arr") parts.push_back(item_value(style, c));  // ARR: in the JSON report
    std::string mark = item->status == ItemChange::Status::added ? style.yellow(" (new)") : "";
    out << "    " << escape_text(item->id) << mark << ": " << fmt::format("{}", fmt::join(parts, ", ")) << '\n';
  }
  if (!gone.empty()) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < gone.size() && i < k_rows; ++i) ids.push_back(escape_text(gone[i]->id));
    std::string more = gone.size() > k_rows ? fmt::format(" and {} more", gone.size() - k_rows) : "";
    out << "    " << style.green("gone since then") << ": " << fmt::format("{}", fmt::join(ids, ", ")) << more << '\n';
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

void render_baseline_text(std::ostream& out, const BaselineComparison& b, const Style& style) {
  out << '\n'
      << style.bold("Since " + escape_text(b.as_of)) << style.dim(" (baseline " + escape_text(b.file) + ")") << '\n';
  for (const auto& d : b.filter_differences)
    out << "  " << style.yellow("Not like for like: " + escape_text(d)) << '\n';
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
  items(out, b.causes, style, "Causes");
  items(out, b.departments, style, "Departments");
}

}  // namespace esc
