#pragma once
// Reading a JSON report saved earlier as the baseline of `report --baseline`.
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "esc/analyze/baseline.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// A baseline that cannot be used; what() is the whole message for people
/// (file name first, with line:column for JSON syntax errors).
struct BaselineError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The largest baseline read: 1 GiB (the JSON report of 100,000 cases is
/// about 180 MB).
inline constexpr std::uintmax_t k_max_baseline_bytes = std::uintmax_t{1} << 30;

/// The schema a baseline must name ("esc-autopsy/report/v1").
std::string_view baseline_schema();

/// Reads the snapshot of the JSON report in `text` (named `name` in
/// messages). Throws BaselineError when it is not JSON (line:column), not a
/// report of this schema version, or lacks a key the comparison reads or
/// has one of the wrong type (the key's path, e.g. causes[2].accounts).
/// Parts the comparison does not read (escalations, findings, ...) are
/// dropped while parsing and not checked.
ReportSnapshot parse_baseline(std::string_view text, const std::string& name);

/// Reads the regular file `path` (at most `max_bytes`) and parses it with
/// parse_baseline(). Throws BaselineError when it cannot be read.
ReportSnapshot read_baseline(const std::string& path, std::uintmax_t max_bytes = k_max_baseline_bytes);

/// 1-based line and column (in code points) of the byte at 0-based `offset`
/// of `text`; an offset past the end points just after the last byte.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset);

/// How a change reads: "worse" or "better" by the figure's direction,
/// "unchanged" for no change, "neutral" for a figure with no good direction.
std::string change_tone(const Change& change);

/// The change in words with an arrow and a sign: "▲ +3 more", "▼ −$40k
/// less", "no change".
std::string change_text(const Change& change);

/// A value of a change as reports print it: "$480k" for money, "1,204" else.
std::string change_value(const Change& change, double value);

/// The text report's "Since <as-of of the baseline>" section: filters that
/// differ, the headline figures, the top causes and departments that moved,
/// the causes gone; the lines of causes and departments fit `width` columns.
void render_baseline_text(std::ostream& out, const BaselineComparison& baseline, const Style& style,
                          std::size_t width = 100);

}  // namespace esc
