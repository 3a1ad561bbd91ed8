#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "esc/render/style.hpp"

namespace esc {

/// A plain-text table that fits a width: numeric columns are right-aligned,
/// text columns left-aligned, and the widest text column shrinks (with "…")
/// while the table is too wide.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers) : m_headers(std::move(headers)) {}
  /// Adds a row with one cell per header. Cells are user text: control
  /// characters and bidi overrides are escaped (escape_text) so that a case
  /// file cannot move the cursor, recolour the terminal or reverse a line.
  void add_row(std::vector<std::string> cells);
  bool empty() const { return m_rows.empty(); }
  /// Prints the table indented by two spaces within `width` columns.
  void print(std::ostream& out, const Style& style, std::size_t width) const;

 private:
  std::vector<std::string> m_headers;
  std::vector<std::vector<std::string>> m_rows;
};

/// The number of code points in UTF-8 text (its display width for our tables).
std::size_t display_width(const std::string& text);

}  // namespace esc
