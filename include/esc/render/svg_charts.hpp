#pragma once
#include <string>
#include <string_view>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

// Inline SVG charts for the HTML report. Each returns one <svg> element with
// width, height, a viewBox, role="img", a <title> and a <desc>, presentation
// attributes only (no CSS or script needed) and every piece of text
// XML-escaped, so the result can be inserted into HTML unescaped. Same report,
// same bytes. Each returns "" when there is nothing to draw. Every text's
// estimated extent lies inside the viewBox (long names are cut in the middle,
// the whole name in a tooltip); a category has the colour of its position in
// the taxonomy in every chart and report; an outcome is told by a marker
// shape as well as its colour; a zero is never drawn in the alarm colour.

/// Horizontal bars: the top `limit` causes by accounts, churned accounts
/// marked, ARR as a label; `narrow` puts titles above the bars (phones).
std::string svg_top_causes(const Report& report, const Taxonomy& taxonomy, std::size_t limit = 10, bool narrow = false);

/// Cases opened per quarter as columns on a labelled axis (empty quarters
/// as 0), then small multiples: per category, the share of each quarter's
/// cases citing it, all rows on one scale.
std::string svg_trend(const Report& report, const Taxonomy& taxonomy);

/// The aggregated cause graph drawn left to right from roots to symptoms:
/// layers by longest path from the roots (loops broken deterministically),
/// edge widths by accounts. Above 18 causes or 20 links only the strongest
/// links are drawn (by accounts, then cases, then codes), fewer when needed
/// to keep the drawing at most 1,400 px wide (0.8x in the report's 1,120 px
/// column), and a visible note says how many of how many and which command
/// exports them all. Titles are wrapped, never cut; link labels touch
/// neither each other nor a cause's box.
std::string svg_cause_graph(const Report& report, const Taxonomy& taxonomy);

/// Per department: causes owned, open and overdue actions, reviews missed;
/// every bar on one scale.
std::string svg_departments(const Report& report);

/// A timeline per repeat account: each escalation from opened to closed,
/// its outcome by marker shape and colour (with a legend); third strikes marked.
std::string svg_repeat_accounts(const Report& report, std::size_t limit = 12);

/// A timeline per fix that did not hold: the fix date, then each recurrence.
std::string svg_failed_fixes(const Report& report, std::size_t limit = 10);

/// Severity claimed against severity found in review, as a 4x4 grid.
std::string svg_severity(const Report& report);

}  // namespace esc
