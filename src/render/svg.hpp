#pragma once
// Private helpers of the SVG charts (svg_*.cpp).
#include <map>
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"
#include "esc/render/svg_charts.hpp"

namespace esc::svg {

/// A coordinate or length with at most one decimal ("12", "12.5").
std::string num(double value);

/// Builds one <svg> element; text passed to text() and title() is escaped.
class Writer {
 public:
  Writer(double width, double height, const std::string& title, const std::string& description);

  /// Appends raw markup built by the caller from num() and escaped text only.
  void raw(const std::string& markup) { m_body += markup; }
  void rect(double x, double y, double w, double h, const std::string& fill, const std::string& extra = "");
  void line(double x1, double y1, double x2, double y2, const std::string& stroke, double width = 1,
            const std::string& extra = "");
  /// Text at (x, y); `anchor` is start, middle or end; `extra` holds further attributes.
  void text(double x, double y, const std::string& text, double size = 12, const std::string& anchor = "start",
            const std::string& extra = "");
  /// A tooltip for the element just opened with raw("<g>").
  void tooltip(const std::string& text);
  /// Text cut in the middle to at most `max_width` pixels; when cut, the
  /// whole text is its tooltip.
  void fitted_text(double x, double y, const std::string& text, double max_width, double size = 12,
                   const std::string& anchor = "start", const std::string& extra = "");
  std::string finish() const;

 private:
  double m_width, m_height;
  std::string m_title, m_description, m_body;
};

/// The colour of a category: a fixed colour-blind-safe palette indexed by the
/// category's position in the taxonomy (file order), so a category has the
/// same colour in every report with that taxonomy, whatever else is present.
class Palette {
 public:
  explicit Palette(const Taxonomy& taxonomy);
  /// The category's colour; unknown categories are grey.
  const std::string& color(const std::string& category) const;
  /// A light tint of the category colour for fills behind text: ink and
  /// muted text on it keep a contrast of at least 4.5:1.
  std::string tint(const std::string& category) const;
  /// The categories in palette order.
  const std::vector<std::string>& categories() const { return m_order; }
  const std::string& title(const std::string& category) const;

 private:
  void assign_colors();
  std::vector<std::string> m_order;
  std::map<std::string, std::string> m_colors, m_titles;
};

/// The fixed category palette (each entry has a text colour with >= 4.5:1
/// contrast on it, see text_on) and the grey of unknown categories.
const std::vector<std::string>& category_palette();
inline const std::string k_unknown_category = "#9aa5b1";

/// WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21).
double contrast(const std::string& a, const std::string& b);
/// The text colour (ink or white) with the higher contrast on `fill`.
const std::string& text_on(const std::string& fill);

/// A legend of coloured squares and labels from (x, y), wrapped at `width`;
/// returns the height it took.
double legend(Writer& out, const std::vector<std::pair<std::string, std::string>>& items, double x, double y,
              double width);

/// Colour of a case outcome (none: grey).
std::string outcome_color(const std::optional<Outcome>& outcome);
/// A marker whose shape also tells the outcome (retained: disc, open: ring,
/// at risk: diamond, downgraded: down triangle, churned: cross, none: small
/// square), centred at (x, y), in outcome_color.
std::string outcome_marker(const std::optional<Outcome>& outcome, double x, double y);
/// A legend of every outcome's marker and name from (x, y), wrapped at
/// `width`; returns the height it took.
double outcome_legend(Writer& out, double x, double y, double width);

/// Cuts `text` to about `max_width` pixels at `size` px, ending in "…".
std::string fit(const std::string& text, double max_width, double size);
/// Cuts `text` to about `max_width` pixels by replacing its middle with "…",
/// keeping the start and the end (which often tell similar names apart).
std::string fit_middle(const std::string& text, double max_width, double size);
/// Word-wraps `text` into at most `max_lines` lines of about `max_width`
/// pixels; the last line is cut with "…" when the text does not fit.
std::vector<std::string> wrap(const std::string& text, double max_width, double size, std::size_t max_lines);
/// The approximate width of `text` in pixels at `size` px (sans-serif).
double text_width(const std::string& text, double size);

/// Days since 1970-01-01 of a date.
long days(const Date& date);

/// Maps dates linearly to x between `left` and `right`, the range padded to
/// whole quarters; draws quarter grid lines and year labels.
class TimeScale {
 public:
  TimeScale(const std::vector<Date>& dates, double left, double right);
  double x(const Date& date) const;
  /// Grid lines from `top` to `bottom` and year labels under `bottom`.
  void axis(Writer& out, double top, double bottom) const;

 private:
  long m_first = 0, m_last = 1;
  double m_left, m_right;
};

// Shared colours.
inline const std::string k_ink = "#1f2933";
inline const std::string k_muted = "#616e7c";
inline const std::string k_grid = "#e4e7eb";
inline const std::string k_alert = "#b3261e";
inline const std::string k_good = "#1b7f4c";

}  // namespace esc::svg
