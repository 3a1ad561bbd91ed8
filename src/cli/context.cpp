#include "esc/cli/context.hpp"

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

#include <fmt/format.h>

#include "esc/load/source_cache.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/validate/validator.hpp"

#include <sys/ioctl.h>

namespace esc {

bool parse_byte_size(const std::string& text, std::size_t& out) {
  std::size_t i = 0;
  unsigned long long value = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    value = value * 10 + static_cast<unsigned>(text[i++] - '0');
    if (value > (1ull << 40)) return false;
  }
  if (i == 0) return false;
  std::string unit = text.substr(i);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  unsigned long long scale = 1;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib") scale = 1024;
  else if (unit == "m" || unit == "mb" || unit == "mib") scale = 1024 * 1024;
  else if (unit == "g" || unit == "gb" || unit == "gib") scale = 1024ull * 1024 * 1024;
  else return false;
  out = static_cast<std::size_t>(value * scale);
  return true;
}

const Taxonomy& active_taxonomy(const GlobalOptions& globals) {
  if (globals.taxonomy_path.empty()) return default_taxonomy();
  static std::unique_ptr<Taxonomy> loaded;
  if (!loaded) {
    std::vector<Diagnostic> diagnostics;
    auto taxonomy = load_taxonomy_file(globals.taxonomy_path, diagnostics);
    if (!taxonomy) {
      SourceCache cache;
      Style style(use_color(color_mode(globals), STDERR_FILENO));
      sort_diagnostics(diagnostics);
      render_diagnostics_text(std::cerr, diagnostics, style,
                              [&](const std::string& f, std::uint32_t l) { return cache.line(f, l); });
      throw CliError(fmt::format("the taxonomy {} is not usable", globals.taxonomy_path));
    }
    loaded = std::make_unique<Taxonomy>(std::move(*taxonomy));
  }
  return *loaded;
}

LoadOptions load_options(const GlobalOptions& globals) {
  LoadOptions options;
  options.jobs = globals.jobs;
  if (!globals.max_file_size.empty() && !parse_byte_size(globals.max_file_size, options.limits.max_file_size))
    throw CliError(fmt::format("--max-file-size: `{}` is not a size (try 16MiB)", globals.max_file_size));
  return options;
}

AnalysisInput load_for_analysis(const std::vector<std::string>& paths, const GlobalOptions& globals) {
  AnalysisInput input;
  input.set = load_case_set(paths, load_options(globals));
  std::vector<Diagnostic> diagnostics = validate_case_set(input.set, active_taxonomy(globals), ValidationPolicy{});
  for (const auto& d : diagnostics)
    if (d.rule == "io-error" && d.severity == Severity::error) throw CliError(fmt::format("{}: {}", d.file, d.message));
  std::size_t file_errors = 0;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error && d.case_index < 0) ++file_errors;
  for (const auto& c : input.set.cases) {
    if (c.has_errors) ++input.skipped;
    else input.cases.push_back(&c);
  }
  if ((input.skipped > 0 || file_errors > 0) && !globals.quiet)
    std::cerr << fmt::format(
        "esc-autopsy: {} case(s) with errors left out of the analysis{}; run `esc-autopsy validate` for details\n",
        input.skipped, file_errors ? fmt::format(", and {} file-level error(s)", file_errors) : "");
  return input;
}

std::size_t terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    int n = std::atoi(columns);
    if (n >= 40) return static_cast<std::size_t>(n);
  }
  struct winsize size {};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40) return size.ws_col;
  return 100;
}

ColorMode color_mode(const GlobalOptions& globals) {
  ColorMode mode;
  if (!parse_color_mode(globals.color, mode))
    throw CliError(fmt::format("--color must be auto, always or never, not `{}`", globals.color));
  return mode;
}

}  // namespace esc
