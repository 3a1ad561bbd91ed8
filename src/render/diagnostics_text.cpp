#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"
#include "esc/render/text_escape.hpp"

namespace esc {
namespace {

// A source line as it is shown under a finding, and the padding (tabs kept)
// that puts a caret under its 1-based code-point `column`. A lone CR (a line
// break to YAML, not to us) would send the cursor back over the line: it is
// shown as U+240D. Invisible controls (bidi overrides above all, which would
// show the line in another order than it is read in) are escaped as in
// messages (`\u202e`), and the padding widens with them.
struct Excerpt {
  std::string text;
  std::string padding;
};

Excerpt excerpt(const std::string& line, std::uint32_t column) {
  Excerpt out;
  std::uint32_t current = 1;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t length = 1;
    while (i + length < line.size() && (static_cast<unsigned char>(line[i + length]) & 0xC0) == 0x80) ++length;
    std::string_view code_point(line.data() + i, length);
    std::string shown = code_point == "\r"   ? std::string("\u240D")
                        : code_point == "\t" ? std::string("\t")
                                             : escape_text(code_point);
    out.text += shown;
    if (current < column) {
      for (char c : shown)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) out.padding += c == '\t' ? '\t' : ' ';
    }
    ++current;
    i += length;
  }
  while (current++ < column) out.padding += ' ';
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

void render_diagnostics_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const Style& style,
                             const LineLookup& lines) {
  for (const auto& d : diagnostics) {
    // User text is escaped, and a line may not start like a workflow command.
    std::string file = neutralize_command(escape_text(d.file));
    std::string where = d.mark.valid() ? fmt::format("{}:{}:{}", file, d.mark.line, d.mark.column) : file;
    std::string severity = d.severity == Severity::error ? style.red("error") : style.yellow("warning");
    out << style.bold(where + ":") << ' ' << severity << ": " << escape_text(d.message) << ' '
        << style.dim("[" + escape_text(d.rule) + "]") << '\n';
    std::string gutter(std::to_string(d.mark.line).size(), ' ');
    if (d.mark.valid() && lines) {
      Excerpt line = excerpt(lines(d.file, d.mark.line), d.mark.column);
      if (!line.text.empty()) {
        out << ' ' << style.dim(std::to_string(d.mark.line) + " |") << ' ' << line.text << '\n';
        out << ' ' << style.dim(gutter + " |") << ' ' << line.padding << style.green("^") << '\n';
      }
    }
    if (!d.suggestion.empty())
      out << ' ' << gutter << ' ' << style.cyan("= help: ") << escape_text(d.suggestion) << '\n';
  }
}

void render_summary_text(std::ostream& out, const ValidationSummary& s, const Style& style) {
  if (!s.skipped.empty()) {
    constexpr std::size_t shown = 10;
    std::string names;
    for (std::size_t i = 0; i < s.skipped.size() && i < shown; ++i)
      names += (i ? ", " : "") + escape_text(s.skipped[i]);
    if (s.skipped.size() > shown) names += fmt::format(" and {} more", s.skipped.size() - shown);
    out << style.cyan("note") << ": skipped " << plural(s.skipped.size(), "file")
        << " not ending in .yaml or .yml: " << names << '\n';
  }
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
