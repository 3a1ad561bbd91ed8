#include "esc/cli/context.hpp"

#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "esc/load/config_loader.hpp"
#include "esc/load/source_cache.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/render/text_escape.hpp"
#include "esc/validate/validator.hpp"

#include <sys/ioctl.h>

namespace esc {

void print_diagnostics_to_stderr(std::vector<Diagnostic> diagnostics, const GlobalOptions& globals) {
  SourceCache cache;
  Style style(use_color(color_mode(globals), STDERR_FILENO));
  sort_diagnostics(diagnostics);
  render_diagnostics_text(std::cerr, diagnostics, style,
                          [&](const std::string& f, std::uint32_t l) { return cache.line(f, l); });
}

const Config& active_config(const GlobalOptions& globals) {
  static std::unique_ptr<Config> loaded;
  if (loaded) return *loaded;
  std::string path = globals.config_path;
  if (path.empty()) {
    char buffer[4096];
    std::string cwd = ::getcwd(buffer, sizeof buffer) ? buffer : ".";
    path = find_config_file(cwd);
    // Shown in diagnostics: "../.esc-autopsy.yaml" reads better than an absolute path.
    if (!path.empty()) path = std::filesystem::path(path).lexically_relative(cwd).string();
  }
  if (path.empty()) {
    loaded = std::make_unique<Config>();
    return *loaded;
  }
  Config config = load_config_file(path);
  if (count_severity(config.diagnostics, Severity::error) > 0) {
    print_diagnostics_to_stderr(config.diagnostics, globals);
    throw CliError(fmt::format("the config file {} is not usable", path));
  }
  loaded = std::make_unique<Config>(std::move(config));
  return *loaded;
}

const Taxonomy& active_taxonomy(const GlobalOptions& globals) {
  std::string path = globals.taxonomy_path.empty() ? active_config(globals).taxonomy : globals.taxonomy_path;
  if (path.empty()) return default_taxonomy();
  static std::unique_ptr<Taxonomy> loaded;
  if (!loaded) {
    std::vector<Diagnostic> diagnostics;
    auto taxonomy = load_taxonomy_file(path, diagnostics);
    if (!taxonomy) {
      print_diagnostics_to_stderr(std::move(diagnostics), globals);
      std::string origin =
          globals.taxonomy_path.empty() ? fmt::format(" (named in {})", active_config(globals).path) : "";
      throw CliError(fmt::format("the taxonomy {}{} is not usable", path, origin));
    }
    loaded = std::make_unique<Taxonomy>(std::move(*taxonomy));
  }
  return *loaded;
}

namespace {

// "files loaded of total" on stderr, for runs that take a while, only on a
// terminal and never in CI; the line is cleared when loading ends.
LoadProgress terminal_progress(const GlobalOptions& globals) {
  const char* ci = std::getenv("CI");
  if (globals.quiet || !::isatty(STDERR_FILENO) || (ci && *ci)) return {};
  auto start = std::chrono::steady_clock::now();
  auto shown = std::make_shared<bool>(false);
  return [start, shown](std::size_t done, std::size_t total) {
    if (done == total) {
      if (*shown) std::cerr << "\r\033[K" << std::flush;
      return;
    }
    if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500)) return;
    *shown = true;
    std::cerr << fmt::format("\resc-autopsy: loading {} of {} files ({}%)\033[K", done, total, done * 100 / total)
              << std::flush;
  };
}

}  // namespace

LoadOptions load_options(const GlobalOptions& globals) {
  const Config& config = active_config(globals);
  LoadOptions options;
  options.jobs = globals.jobs;
  options.progress = terminal_progress(globals);
  if (config.max_file_size) options.limits.max_file_size = *config.max_file_size;
  if (config.max_depth) options.limits.max_depth = *config.max_depth;
  if (config.max_documents) options.limits.max_documents = *config.max_documents;
  if (config.max_nodes) options.limits.max_nodes = *config.max_nodes;
  if (config.max_findings) options.limits.max_findings = *config.max_findings;
  if (!globals.max_file_size.empty() && !parse_byte_size(globals.max_file_size, options.limits.max_file_size))
    throw CliError(fmt::format("--max-file-size: `{}` is not a size (try 16MiB)", globals.max_file_size));
  options.ignore = config.ignore;
  options.ignore_base = config.directory;
  return options;
}

LoadOptions checked_load_options(const GlobalOptions& globals, CaseDetail keep) {
  LoadOptions options = load_options(globals);
  const Taxonomy& taxonomy = active_taxonomy(globals);
  options.check = [&taxonomy](const Case& c, int case_index, const std::string& file, std::vector<Diagnostic>& out) {
    check_case(c, case_index, file, taxonomy, out);
  };
  options.keep = keep;
  return options;
}

ValidationPolicy validation_policy(const GlobalOptions& globals) {
  ValidationPolicy policy;
  policy.severities = active_config(globals).severities;
  return policy;
}

AnalysisInput load_for_analysis(const std::vector<std::string>& paths, const GlobalOptions& globals) {
  AnalysisInput input;
  const Config& config = active_config(globals);
  if (!config.diagnostics.empty() && !globals.quiet) print_diagnostics_to_stderr(config.diagnostics, globals);
  LoadOptions load = checked_load_options(globals, CaseDetail::analysis);
  load.digest = &active_taxonomy(globals);  // the analysis reads the digests, not the causes and actions
  input.set = load_case_set(paths, load);
  std::vector<Diagnostic> diagnostics =
      validate_case_set(input.set, active_taxonomy(globals), validation_policy(globals));
  for (const auto& d : diagnostics)
    if (d.rule == "io-error" && d.severity == Severity::error) throw CliError(fmt::format("{}: {}", d.file, d.message));
  if (input.set.files.empty() && !globals.quiet) {
    // Not fatal: an empty report is an honest answer, but it must not pass unnoticed.
    std::string skipped =
        input.set.skipped.empty()
            ? ""
            : fmt::format(" ({} file{} skipped for not ending in .yaml or .yml, e.g. {})", input.set.skipped.size(),
                          input.set.skipped.size() == 1 ? "" : "s", escape_text(input.set.skipped.front()));
    std::cerr << fmt::format("esc-autopsy: warning: no case files found in {}{}; the output describes no case\n",
                             escape_text(paths.empty() ? "" : paths.front()), skipped);
  }
  std::size_t file_errors = 0;
  std::set<std::string> unreadable;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error && d.case_index < 0) {
      ++file_errors;
      unreadable.insert(d.file);
    }
  input.unreadable_files = unreadable.size();
  for (const auto& digest : input.set.digests) {
    if (digest.source->has_errors)
      ++input.skipped;
    else
      input.cases.push_back(&digest);
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
