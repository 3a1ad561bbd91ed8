#pragma once
#include <ostream>
#include <string>

#include "esc/analyze/report.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// The JSON report of SPEC 5 (`"schema": "esc-autopsy/report/v1"` first),
/// pretty-printed with a stable key order.
void render_report_json(std::ostream& out, const Report& report);

/// The terminal report: findings in plain language, then compact tables
/// that fit `width` columns.
void render_report_text(std::ostream& out, const Report& report, const Style& style, std::size_t width);

}  // namespace esc
