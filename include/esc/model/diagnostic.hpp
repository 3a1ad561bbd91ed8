#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "esc/model/source_mark.hpp"

namespace esc {

/// How serious a finding is; `off` silences a rule entirely.
enum class Severity { off, warning, error };

/// "off", "warning" or "error".
std::string_view to_string(Severity severity);

/// One finding about one place in one file: data, rendered by `render/`.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule;        // a rule id from rule_catalog(), e.g. "unknown-cause"
  std::string file;        // the path as the user gave or we found it
  SourceMark mark;         // 1-based; invalid when the finding is about the whole file
  std::string message;     // one sentence, no trailing period
  std::string suggestion;  // "did you mean `x`?", or empty
  int case_index = -1;     // the case it is about, in the loaded set; -1 for none
};

/// Diagnostics in a stable order: by file, line, column, rule, message.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// The number of diagnostics with the given severity.
std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity);

}  // namespace esc
