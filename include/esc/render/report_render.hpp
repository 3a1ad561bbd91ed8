#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// The JSON report of SPEC 5 (`"schema": "esc-autopsy/report/v1"` first),
/// pretty-printed with a stable key order.
void render_report_json(std::ostream& out, const Report& report);

/// The terminal report: findings in plain language, then compact tables
/// that fit `width` columns.
void render_report_text(std::ostream& out, const Report& report, const Style& style, std::size_t width);

/// The tables `--format csv --table NAME` can write, in documentation order.
const std::vector<std::string>& csv_tables();

/// One table of the report as RFC 4180 CSV (header row, CRLF line ends,
/// raw numbers, lists joined with " > " for chain paths and ";" otherwise).
/// `table` must be one of csv_tables(); throws std::invalid_argument otherwise.
void render_report_csv(std::ostream& out, const Report& report, const std::string& table);

}  // namespace esc
