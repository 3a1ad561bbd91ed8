// GitHub Actions workflow commands: annotations on the pull request's files.
#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"

namespace esc {

std::string escape_github_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_github_property(std::string_view text) {
  std::string out;
  for (char c : escape_github_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void render_diagnostics_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const std::string& base) {
  for (const auto& d : diagnostics) {
    std::string properties = "file=" + escape_github_property(display_path(d.file, base));
    if (d.mark.valid()) properties += fmt::format(",line={},col={}", d.mark.line, d.mark.column);
    properties += ",title=" + escape_github_property(d.rule);
    std::string message = d.message + (d.suggestion.empty() ? "" : "; " + d.suggestion);
    out << "::" << (d.severity == Severity::error ? "error" : "warning") << ' ' << properties
        << "::" << escape_github_data(message) << '\n';
  }
}

}  // namespace esc
