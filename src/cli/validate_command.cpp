#include <iostream>
#include <memory>
#include <unistd.h>

#include "esc/cli/commands.hpp"
#include "esc/load/source_cache.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool strict = false;
};

int run_validate(const ValidateOptions& options, const GlobalOptions& globals) {
  const Taxonomy& taxonomy = active_taxonomy(globals);
  LoadOptions load = load_options(globals);
  ColorMode colors = color_mode(globals);
  CaseSet set = load_case_set(options.paths, load);
  std::vector<Diagnostic> diagnostics = validate_case_set(set, taxonomy, ValidationPolicy{});

  ValidationSummary summary{set.files.size(), set.cases.size(), count_severity(diagnostics, Severity::error),
                            count_severity(diagnostics, Severity::warning)};
  if (options.format == "json") {
    render_diagnostics_json(std::cout, diagnostics, summary);
  } else {
    Style style(use_color(colors, STDOUT_FILENO));
    SourceCache cache(&set, load.limits);
    if (globals.quiet) {
      std::vector<Diagnostic> errors;
      for (const auto& d : diagnostics)
        if (d.severity == Severity::error) errors.push_back(d);
      diagnostics.swap(errors);
    }
    render_diagnostics_text(std::cout, diagnostics, style,
                            [&](const std::string& f, std::uint32_t l) { return cache.line(f, l); });
    if (!globals.quiet) render_summary_text(std::cout, summary, style);
  }
  bool io_problem = false;
  for (const auto& d : diagnostics) io_problem = io_problem || (d.rule == "io-error" && d.severity == Severity::error);
  if (io_problem) return 2;
  if (summary.errors > 0 || (options.strict && summary.warnings > 0)) return 1;
  return 0;
}

}  // namespace

void add_validate_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check case files against the format and the taxonomy");
  cmd->add_option("paths", options->paths, "Case files or folders (walked for *.yaml, *.yml); - reads stdin")
      ->required();
  cmd->add_option("-f,--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--strict", options->strict, "Fail (exit 1) on warnings too");
  cmd->callback([&action, options, &globals] { action = [options, &globals] { return run_validate(*options, globals); }; });
}

}  // namespace esc
