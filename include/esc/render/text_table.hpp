#pragma once
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "esc/render/style.hpp"

namespace esc {

/// A plain-text table that fits a width: numeric columns are right-aligned,
/// text columns left-aligned. While the table is too wide, the widest text
/// column shrinks to 12 columns, then numeric headers are cut to their
/// numbers' width (at least 4), then the columns named droppable are left
/// out (in the order given, and named under the table), then text columns
/// shrink to 5. Cells too wide for their column are shortened in the middle
/// ("Rushed onb…o oversight"), and two different cells of a column never end
/// up the same.
class TextTable {
 public:
  /// A table with these headers; `droppable` lists column indices that may
  /// be left out when the table is too narrow, the first first.
  explicit TextTable(std::vector<std::string> headers, std::vector<std::size_t> droppable = {})
      : m_headers(std::move(headers)), m_droppable(std::move(droppable)) {}
  /// Adds a row with one cell per header. Cells are user text: control
  /// characters and bidi overrides are escaped (escape_text) so that a case
  /// file cannot move the cursor, recolour the terminal or reverse a line.
  void add_row(std::vector<std::string> cells);
  bool empty() const { return m_rows.empty(); }
  /// Prints the table indented by two spaces within `width` display columns
  /// (when the columns' floors allow it).
  void print(std::ostream& out, const Style& style, std::size_t width) const;

 private:
  std::vector<std::string> m_headers;
  std::vector<std::size_t> m_droppable;
  std::vector<std::vector<std::string>> m_rows;
};

/// The display width of UTF-8 text in a terminal: East Asian wide and
/// fullwidth characters count 2, combining marks and zero-width characters
/// 0, everything else 1.
std::size_t display_width(std::string_view text);

/// `text` if it fits `width` columns; otherwise its first characters (at
/// most `head` columns), "…" and its last characters, filling at most `width`.
std::string shorten_middle(std::string_view text, std::size_t width, std::size_t head);

/// Each cell fitted to `width` columns, shortened in the middle as evenly as
/// possible, such that different cells never give the same text: the split
/// moves, for the column, until they differ, and a cell still colliding gets
/// a number ("~2").
std::vector<std::string> fit_column(const std::vector<std::string>& cells, std::size_t width);

}  // namespace esc
