#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"

namespace esc {
namespace {

// Spaces (tabs kept) up to a 1-based code-point column, so the caret lines up.
std::string caret_padding(const std::string& line, std::uint32_t column) {
  std::string pad;
  std::uint32_t current = 1;
  for (std::size_t i = 0; i < line.size() && current < column; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
    ++current;
  }
  while (current++ < column) pad += ' ';
  return pad;
}

// The line as it should be shown: a lone CR (a line break to YAML, not to
// us) would send the terminal's cursor back over the line, so it is shown as
// U+240D, one code point as well, which keeps the caret in its column.
std::string printable_line(std::string line) {
  for (std::size_t at = 0; (at = line.find('\r', at)) != std::string::npos;) line.replace(at, 1, "\u240D");
  return line;
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

void render_diagnostics_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const Style& style,
                             const LineLookup& lines) {
  for (const auto& d : diagnostics) {
    std::string where = d.mark.valid() ? fmt::format("{}:{}:{}", d.file, d.mark.line, d.mark.column) : d.file;
    std::string severity = d.severity == Severity::error ? style.red("error") : style.yellow("warning");
    out << style.bold(where + ":") << ' ' << severity << ": " << d.message << ' ' << style.dim("[" + d.rule + "]")
        << '\n';
    std::string gutter(std::to_string(d.mark.line).size(), ' ');
    if (d.mark.valid() && lines) {
      std::string line = printable_line(lines(d.file, d.mark.line));
      if (!line.empty()) {
        out << ' ' << style.dim(std::to_string(d.mark.line) + " |") << ' ' << line << '\n';
        out << ' ' << style.dim(gutter + " |") << ' ' << caret_padding(line, d.mark.column) << style.green("^")
            << '\n';
      }
    }
    if (!d.suggestion.empty()) out << ' ' << gutter << ' ' << style.cyan("= help: ") << d.suggestion << '\n';
  }
}

void render_summary_text(std::ostream& out, const ValidationSummary& s, const Style& style) {
  std::string scope = fmt::format("{} ({})", plural(s.files, "file"), plural(s.cases, "case"));
  if (s.suppressed) scope += fmt::format(", {} suppressed", plural(s.suppressed, "finding"));
  if (s.ignored) scope += fmt::format(", {} ignored by the config", plural(s.ignored, "file"));
  if (s.errors == 0 && s.warnings == 0) {
    out << style.green("ok") << ": " << scope << ", no problems found\n";
    return;
  }
  std::string counts = plural(s.errors, "error") + " and " + plural(s.warnings, "warning");
  out << (s.errors ? style.red(counts) : style.yellow(counts)) << " in " << scope << '\n';
}

}  // namespace esc
