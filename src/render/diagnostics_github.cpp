// GitHub Actions workflow commands: annotations on the pull request's files.
#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"
#include "esc/render/text_escape.hpp"

namespace esc {

std::string escape_github_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_github_property(std::string_view text) {
  std::string out;
  for (char c : escape_github_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

void render_diagnostics_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const std::string& base) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) {
    ++(d.severity == Severity::error ? errors : warnings);
    // escape_text first: no control character reaches the log, so the payload stays one line.
    std::string properties = "file=" + escape_github_property(escape_text(display_path(d.file, base)));
    if (d.mark.valid()) properties += fmt::format(",line={},col={}", d.mark.line, d.mark.column);
    properties += ",title=" + escape_github_property(d.rule);
    std::string message = escape_text(d.message + (d.suggestion.empty() ? "" : "; " + d.suggestion));
    out << "::" << (d.severity == Severity::error ? "error" : "warning") << ' ' << properties
        << "::" << escape_github_data(message) << '\n';
  }
  // GitHub shows at most k_github_annotation_limit annotations of each kind per step:
  // say how many there are and where to see them all.
  if (errors > k_github_annotation_limit || warnings > k_github_annotation_limit)
    out << fmt::format(
        "::notice title=esc-autopsy::{} error{} and {} warning{} found; GitHub shows at most {} "
        "annotations of each kind per step: the job log lists them all, and `validate --format "
        "sarif` uploaded to code scanning shows each one on its file\n",
        errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", k_github_annotation_limit);
}

}  // namespace esc
