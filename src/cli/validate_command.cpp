#include <unistd.h>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "esc/cli/commands.hpp"
#include "esc/load/config_loader.hpp"
#include "esc/load/source_cache.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format;   // empty: the config's, else auto
  std::string fail_on;  // empty: --strict, else the config's, else error
  bool strict = false;
  bool allow_empty = false;
};

// `no-case-files` when the run found nothing to check and no path failed to read
// (that is `io-error`'s): a CI job pointed at the wrong folder must not pass.
void check_not_empty(const ValidateOptions& options, const CaseSet& set, std::vector<Diagnostic>& diagnostics) {
  if (options.allow_empty || !set.files.empty() || options.paths.empty()) return;
  for (const auto& d : diagnostics)
    if (d.rule == "io-error") return;
  std::string where =
      options.paths.size() == 1
          ? ""
          : fmt::format(" (nor in {})", fmt::join(options.paths.begin() + 1, options.paths.end(), ", "));
  std::string why;
  if (!set.skipped.empty())
    why = fmt::format("; {} file{} skipped for not ending in .yaml or .yml", set.skipped.size(),
                      set.skipped.size() == 1 ? "" : "s");
  if (!set.ignored.empty())
    why += fmt::format("; {} file{} ignored by the config", set.ignored.size(), set.ignored.size() == 1 ? "" : "s");
  diagnostics.push_back({Severity::error,
                         "no-case-files",
                         options.paths.front(),
                         {},
                         fmt::format("no case files found{}{}", where, why),
                         "name the folder or files holding the cases; pass --allow-empty if an empty set is "
                         "expected"});
}

// --format, else the config's `format`, else `github` inside GitHub Actions, else `text`.
std::string resolve_format(const ValidateOptions& options, const Config& config) {
  std::string format = options.format.empty() ? config.format : options.format;
  if (!format.empty() && format != "auto") return format;
  const char* actions = std::getenv("GITHUB_ACTIONS");
  return actions && std::strcmp(actions, "true") == 0 ? "github" : "text";
}

// --fail-on, else --strict (= warning), else the config's `fail-on`, else error.
std::string resolve_fail_on(const ValidateOptions& options, const Config& config) {
  if (!options.fail_on.empty()) return options.fail_on;
  if (options.strict) return "warning";
  return config.fail_on.empty() ? "error" : config.fail_on;
}

// The folder machine formats show paths relative to: GITHUB_WORKSPACE inside
// GitHub Actions (the repository's root, which code scanning and annotations
// expect), else the working directory.
std::string report_base() {
  const char* workspace = std::getenv("GITHUB_WORKSPACE");
  if (workspace && *workspace) return workspace;
  char buffer[4096];
  return ::getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string();
}

int run_validate(const ValidateOptions& options, const GlobalOptions& globals) {
  const Config& config = active_config(globals);
  const Taxonomy& taxonomy = active_taxonomy(globals);
  LoadOptions load = checked_load_options(globals, CaseDetail::identity);
  ColorMode colors = color_mode(globals);
  std::string format = resolve_format(options, config);
  std::string fail_on = resolve_fail_on(options, config);
  CaseSet set = load_case_set(options.paths, load);
  std::vector<Diagnostic> suppressed;
  std::vector<Diagnostic> diagnostics = validate_case_set(set, taxonomy, validation_policy(globals), &suppressed);
  diagnostics.insert(diagnostics.end(), config.diagnostics.begin(), config.diagnostics.end());
  check_not_empty(options, set, diagnostics);
  sort_diagnostics(diagnostics);

  ValidationSummary summary{set.files.size(),
                            set.cases.size(),
                            count_severity(diagnostics, Severity::error),
                            count_severity(diagnostics, Severity::warning),
                            suppressed.size(),
                            set.ignored.size(),
                            set.skipped};
  std::string base = report_base();
  if (format == "text") {
    Style style(use_color(colors, STDOUT_FILENO));
    SourceCache cache(&set, load.limits);
    std::vector<Diagnostic> shown;
    for (const auto& d : diagnostics)
      if (!globals.quiet || d.severity == Severity::error) shown.push_back(d);
    render_diagnostics_text(std::cout, shown, style,
                            [&](const std::string& f, std::uint32_t l) { return cache.line(f, l); });
    if (!globals.quiet) render_summary_text(std::cout, summary, style);
  } else {
    if (format == "json") {
      render_diagnostics_json(std::cout, diagnostics, summary);
    } else if (format == "sarif") {
      render_diagnostics_sarif(std::cout, diagnostics, base);
    } else if (format == "junit") {
      std::vector<std::string> files;
      for (const auto& f : set.files) files.push_back(f.path);
      render_diagnostics_junit(std::cout, diagnostics, files, set.ignored, fail_on == "warning", base);
    } else {
      render_diagnostics_github(std::cout, diagnostics, base);
    }
    std::cout.flush();
    if (!globals.quiet) render_summary_text(std::cerr, summary, Style(use_color(colors, STDERR_FILENO)));
  }
  bool io_problem = false;
  for (const auto& d : diagnostics) io_problem = io_problem || d.rule == "io-error";
  if (io_problem) return 2;
  if (fail_on == "never") return 0;
  if (summary.errors > 0 || (fail_on == "warning" && summary.warnings > 0)) return 1;
  return 0;
}

}  // namespace

void add_validate_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check case files against the format and the taxonomy");
  cmd->add_option("paths", options->paths, "Case files or folders (walked for *.yaml, *.yml); - reads stdin")
      ->required();
  cmd->add_option("-f,--format", options->format,
                  "Output format: text, json, github, junit, sarif or auto (default: the config's, else auto: "
                  "github when GITHUB_ACTIONS=true, else text)")
      ->check(CLI::IsMember(validate_format_names()));
  CLI::Option* fail_on = cmd->add_option("--fail-on", options->fail_on,
                                         "Exit 1 on findings of this severity or worse: error (default), warning "
                                         "or never")
                             ->check(CLI::IsMember(fail_on_names()));
  cmd->add_flag("--allow-empty", options->allow_empty,
                "Accept paths that hold no case file (by default that is the error no-case-files)");
  cmd->add_flag("--strict", options->strict, "Fail (exit 1) on warnings too: the same as --fail-on warning")
      ->excludes(fail_on);
  cmd->callback(
      [&action, options, &globals] { action = [options, &globals] { return run_validate(*options, globals); }; });
}

}  // namespace esc
