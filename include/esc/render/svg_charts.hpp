#pragma once
#include <string>
#include <string_view>

#include "esc/analyze/report.hpp"

namespace esc {

// Inline SVG charts for the HTML report. Each returns one <svg> element with
// width, height, a viewBox, role="img", a <title> and a <desc>, presentation
// attributes only (no CSS or script needed) and every piece of text
// XML-escaped, so the result can be inserted into HTML unescaped. Same report,
// same bytes. Each returns "" when there is nothing to draw.

/// Horizontal bars: the top `limit` causes by accounts, churned accounts
/// marked, ARR as a label; `narrow` puts titles above the bars (phones).
std::string svg_top_causes(const Report& report, std::size_t limit = 10, bool narrow = false);

/// Stacked columns: cases per quarter, one colour per category.
std::string svg_trend(const Report& report);

/// The aggregated cause graph drawn left to right from roots to symptoms:
/// layers by longest path from the roots (loops broken deterministically),
/// edge widths by accounts. Above 18 causes or 20 links only the strongest
/// links are drawn (by accounts, then cases, then codes), fewer when needed
/// to keep the drawing at most 1,400 px wide (0.8x in the report's 1,120 px
/// column), and a visible note says how many of how many and which command
/// exports them all. Titles are wrapped, never cut; link labels touch
/// neither each other nor a cause's box.
std::string svg_cause_graph(const Report& report);

/// Per department: causes owned, open and overdue actions, reviews missed.
std::string svg_departments(const Report& report);

/// A timeline per repeat account: each escalation from opened to closed,
/// coloured by outcome; third strikes marked.
std::string svg_repeat_accounts(const Report& report, std::size_t limit = 12);

/// A timeline per fix that did not hold: the fix date, then each recurrence.
std::string svg_failed_fixes(const Report& report, std::size_t limit = 10);

/// Severity claimed against severity found in review, as a 4x4 grid.
std::string svg_severity(const Report& report);

}  // namespace esc
