#pragma once
#include <set>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// The one template context of a report, shared by the built-in HTML and
/// Markdown templates and by `--template FILE`: every number preformatted
/// as a string (money as "$480k"; `*_raw` keeps the plain number), `has_*`
/// booleans for optional parts, lists of maps for the tables, the findings
/// of key_findings(), the SVG charts and the Mermaid cause graph.
/// Text is raw; the renderer's escape function makes it safe.
/// Lists named in `view_only_lists` hold only the rows their capped view
/// (`<list>_view`) shows: for templates that read the views only.
mstch::map build_report_context(const Report& report, const Taxonomy& taxonomy,
                                const std::set<std::string>& view_only_lists = {});

/// The capped lists a template reads only through their `<list>_view`: no
/// tag in `text` names the list itself.
std::set<std::string> lists_read_only_through_views(std::string_view text);

/// Every key of build_report_context() in the notation of
/// parse_context_schema(); `!` marks markup that may be inserted unescaped.
std::string_view report_context_schema();

}  // namespace esc
