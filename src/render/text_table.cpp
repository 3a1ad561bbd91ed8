#include "esc/render/text_table.hpp"
#include "esc/render/text_escape.hpp"

#include <algorithm>
#include <cctype>

namespace esc {

void TextTable::add_row(std::vector<std::string> cells) {
  for (auto& cell : cells) cell = escape_text(cell);
  m_rows.push_back(std::move(cells));
}


std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

namespace {

// Cuts UTF-8 text to `width` code points, ending with "…" when cut.
std::string fit(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  if (width == 0) return "";
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++n == width) break;
    out += text[i];
  }
  return out + "…";
}

std::string pad_right(const std::string& s, std::size_t width) {
  return s + std::string(width - std::min(width, display_width(s)), ' ');
}

std::string pad_left(const std::string& s, std::size_t width) {
  return std::string(width - std::min(width, display_width(s)), ' ') + s;
}

// A column of numbers, money, dates or "-" is right-aligned; text is left-aligned.
bool is_numeric(const std::string& cell) {
  if (cell.empty()) return true;
  for (char c : cell)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '$' || c == '.' || c == 'k' || c == 'M' || c == '-' ||
          c == '!' || c == ' ' || c == '%'))
      return false;
  return true;
}

}  // namespace

void TextTable::print(std::ostream& out, const Style& style, std::size_t width) const {
  std::size_t columns = m_headers.size();
  std::vector<std::size_t> widths(columns);
  std::vector<bool> numeric(columns, true);
  for (std::size_t c = 0; c < columns; ++c) {
    widths[c] = display_width(m_headers[c]);
    for (const auto& row : m_rows) {
      widths[c] = std::max(widths[c], display_width(row[c]));
      numeric[c] = numeric[c] && is_numeric(row[c]);
    }
  }
  // Shrink the widest text column, one step at a time, until the table fits.
  auto total = [&] {
    std::size_t sum = 0;
    for (auto w : widths) sum += w + 2;
    return sum;
  };
  while (total() > width) {
    std::size_t widest = columns;
    for (std::size_t c = 0; c < columns; ++c)
      if (!numeric[c] && widths[c] > 12 && (widest == columns || widths[c] > widths[widest])) widest = c;
    if (widest == columns) break;
    --widths[widest];
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string text = " ";
    for (std::size_t c = 0; c < columns; ++c) {
      std::string cell = fit(cells[c], widths[c]);
      text += " " + (numeric[c] ? pad_left(cell, widths[c]) : pad_right(cell, widths[c])) + " ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << (header ? style.dim(text) : text) << '\n';
  };
  line(m_headers, true);
  for (const auto& row : m_rows) line(row, false);
}

}  // namespace esc
