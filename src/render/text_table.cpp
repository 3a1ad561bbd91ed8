#include "esc/render/text_table.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>

#include "esc/render/text_escape.hpp"

namespace esc {
namespace {

// One code point of UTF-8 text: its bytes and display width (an invalid byte
// is one column, as escape_text would never leave it).
struct Glyph {
  std::size_t bytes;
  std::size_t width;
};

std::size_t code_point_width(std::uint32_t c) {
  // Combining marks, zero-width spaces and joiners, variation selectors.
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
      (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x200B && c <= 0x200F) ||
      (c >= 0xFE00 && c <= 0xFE0F) || c == 0x2060)
    return 0;
  // East Asian Wide and Fullwidth (Unicode 15, the main blocks) and the emoji blocks.
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
      (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
      (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F900 && c <= 0x1F9FF) ||
      (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}

Glyph glyph_at(std::string_view text, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || i + length > text.size()) return {1, 1};
  std::uint32_t code = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return {1, 1};
    code = (code << 6) | (next & 0x3F);
  }
  return {length, code_point_width(code)};
}

std::string pad_right(const std::string& s, std::size_t width) {
  return s + std::string(width - std::min(width, display_width(s)), ' ');
}

std::string pad_left(const std::string& s, std::size_t width) {
  return std::string(width - std::min(width, display_width(s)), ' ') + s;
}

// A column of numbers, money, dates, days ("181d", "2 in 54d") or "-" is
// right-aligned and never shortened; text is left-aligned.
bool is_numeric(const std::string& cell) {
  if (cell.empty()) return true;
  std::string_view rest = cell;
  std::size_t in = rest.find(" in ");
  std::string joined = in == std::string_view::npos ? cell : cell.substr(0, in) + " " + cell.substr(in + 4);
  for (char c : joined)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '$' || c == '.' || c == 'k' || c == 'M' || c == '-' ||
          c == '!' || c == ' ' || c == '%' || c == 'd'))
      return false;
  return true;
}

// Whether the shortened cells are distinct wherever their originals are.
bool distinct(const std::vector<std::string>& cells, const std::vector<std::string>& shown) {
  std::map<std::string_view, std::string_view> origin;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto [it, added] = origin.emplace(shown[i], cells[i]);
    if (!added && it->second != cells[i]) return false;
  }
  return true;
}

}  // namespace

void TextTable::add_row(std::vector<std::string> cells) {
  for (auto& cell : cells) cell = escape_text(cell);
  m_rows.push_back(std::move(cells));
}

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    Glyph g = glyph_at(text, i);
    n += g.width;
    i += g.bytes;
  }
  return n;
}

std::string shorten_middle(std::string_view text, std::size_t width, std::size_t head) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return "";
  head = std::min(head, width - 1);
  std::size_t head_end = 0, used = 0;
  while (head_end < text.size()) {
    Glyph g = glyph_at(text, head_end);
    if (used + g.width > head) break;
    used += g.width;
    head_end += g.bytes;
  }
  std::size_t tail = width - 1 - used;  // a column the head could not use goes to the tail
  // The tail: whole code points from the end, within `tail` columns.
  std::vector<std::size_t> starts;
  for (std::size_t i = head_end; i < text.size(); i += glyph_at(text, i).bytes) starts.push_back(i);
  std::size_t tail_start = text.size(), tail_used = 0;
  for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
    std::size_t w = glyph_at(text, *it).width;
    if (tail_used + w > tail) break;
    tail_used += w;
    tail_start = *it;
  }
  return std::string(text.substr(0, head_end)) + "…" + std::string(text.substr(tail_start));
}

std::vector<std::string> fit_column(const std::vector<std::string>& cells, std::size_t width) {
  auto shorten_all = [&](std::size_t head) {
    std::vector<std::string> shown;
    shown.reserve(cells.size());
    for (const auto& cell : cells) shown.push_back(shorten_middle(cell, width, head));
    return shown;
  };
  std::size_t even = width > 0 ? (width - 1) / 2 : 0;
  auto shown = shorten_all(even);
  if (width < 2 || distinct(cells, shown)) return shown;
  // Move the split away from the middle, one column either way, for the whole column.
  for (std::size_t step = 1; step < width; ++step)
    for (std::size_t head : {even + step, even - step}) {
      if (head >= width) continue;  // also catches even - step below zero
      auto moved = shorten_all(head);
      if (distinct(cells, moved)) return moved;
    }
  // Cells that differ only far from both ends: number the later ones of each clash.
  std::map<std::string, std::string> taken;  // shown -> original
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto it = taken.find(shown[i]);
    if (it == taken.end() || it->second == cells[i]) {
      taken.emplace(shown[i], cells[i]);
      continue;
    }
    for (std::size_t k = 2;; ++k) {
      std::string mark = "~" + std::to_string(k);
      std::string candidate = shorten_middle(cells[i], width > mark.size() ? width - mark.size() : 0, even) + mark;
      if (!taken.count(candidate)) {
        shown[i] = candidate;
        taken.emplace(candidate, cells[i]);
        break;
      }
    }
  }
  return shown;
}

void TextTable::print(std::ostream& out, const Style& style, std::size_t width) const {
  std::size_t columns = m_headers.size();
  std::vector<std::size_t> widths(columns), data(columns, 0);
  std::vector<bool> numeric(columns, true), shown_column(columns, true);
  for (std::size_t c = 0; c < columns; ++c) {
    for (const auto& row : m_rows) {
      data[c] = std::max(data[c], display_width(row[c]));
      numeric[c] = numeric[c] && is_numeric(row[c]);
    }
    widths[c] = std::max(data[c], display_width(m_headers[c]));
  }
  const std::vector<std::size_t> natural = widths;
  auto total = [&] {
    std::size_t sum = 0;
    for (std::size_t c = 0; c < columns; ++c) sum += shown_column[c] ? widths[c] + 2 : 0;
    return sum;
  };
  // The widest shown column of a kind above its floor, or `columns` if none.
  auto widest = [&](bool text, auto floor) {
    std::size_t pick = columns;
    for (std::size_t c = 0; c < columns; ++c)
      if (shown_column[c] && numeric[c] != text && widths[c] > floor(c) &&
          (pick == columns || widths[c] > widths[pick]))
        pick = c;
    return pick;
  };
  auto text_floor = [](std::size_t floor) { return [floor](std::size_t) { return floor; }; };
  auto numeric_floor = [&](std::size_t c) { return std::max<std::size_t>(data[c], 4); };
  std::vector<std::string> dropped;
  std::size_t next_drop = 0;
  while (total() > width) {
    std::size_t c = widest(true, text_floor(12));
    if (c == columns) c = widest(false, numeric_floor);
    if (c == columns && next_drop < m_droppable.size()) {
      std::size_t drop = m_droppable[next_drop++];
      if (drop < columns && shown_column[drop]) {
        shown_column[drop] = false;
        dropped.push_back(m_headers[drop]);
        widths = natural;  // the room it frees goes to the other columns, shrunk again from the start
      }
      continue;
    }
    if (c == columns) c = widest(true, text_floor(5));
    if (c == columns) break;
    --widths[c];
  }
  std::vector<std::vector<std::string>> shown(m_rows.size(), std::vector<std::string>(columns));
  for (std::size_t c = 0; c < columns; ++c) {
    if (!shown_column[c]) continue;
    std::vector<std::string> cells;
    for (const auto& row : m_rows) cells.push_back(row[c]);
    auto fitted = fit_column(cells, widths[c]);
    for (std::size_t r = 0; r < m_rows.size(); ++r) shown[r][c] = std::move(fitted[r]);
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string text = " ";
    for (std::size_t c = 0; c < columns; ++c) {
      if (!shown_column[c]) continue;
      // A header cut short keeps its start: "acc…" reads better than "ac…s".
      std::string cell = header ? shorten_middle(cells[c], widths[c], widths[c]) : cells[c];
      text += " " + (numeric[c] ? pad_left(cell, widths[c]) : pad_right(cell, widths[c])) + " ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << (header ? style.dim(text) : text) << '\n';
  };
  line(m_headers, true);
  for (const auto& row : shown) line(row, false);
  if (!dropped.empty()) {
    std::string note = "  left out at this width: ";
    for (std::size_t i = 0; i < dropped.size(); ++i) note += (i ? ", " : "") + dropped[i];
    out << style.dim(shorten_middle(note, width, width)) << '\n';
  }
}

}  // namespace esc
