#pragma once
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "esc/model/diagnostic.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// Counts for the closing summary of `validate`.
struct ValidationSummary {
  std::size_t files = 0;
  std::size_t cases = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

/// Returns the text of a 1-based source line of a file (empty if unknown).
using LineLookup = std::function<std::string(const std::string& file, std::uint32_t line)>;

/// `path:line:col: error: message [rule]`, the source line with a caret
/// under the column, and the suggestion, for each diagnostic.
void render_diagnostics_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const Style& style,
                             const LineLookup& lines);

/// One line: "2 errors and 1 warning in 18 files (21 cases)".
void render_summary_text(std::ostream& out, const ValidationSummary& summary, const Style& style);

/// `{"schema": ..., "diagnostics": [...], "summary": {...}}`, pretty-printed.
void render_diagnostics_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                             const ValidationSummary& summary);

}  // namespace esc
