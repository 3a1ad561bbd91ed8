// `esc-autopsy taxonomy [show|check FILE]`: print the active taxonomy, or
// check a taxonomy file with the same diagnostics as `validate`.
#include <unistd.h>
#include <iostream>
#include <memory>

#include "esc/cli/commands.hpp"
#include "esc/load/source_cache.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/render/taxonomy_render.hpp"

namespace esc {
namespace {

struct TaxonomyOptions {
  std::string format = "tree";
  std::string file;
  std::string check_format = "text";
  bool strict = false;
};

int run_show(const TaxonomyOptions& options, const GlobalOptions& globals) {
  const Taxonomy& taxonomy = active_taxonomy(globals);
  if (options.format == "yaml") {
    if (globals.taxonomy_path.empty())
      std::cout << default_taxonomy_text();
    else
      render_taxonomy_yaml(std::cout, taxonomy);
  } else if (options.format == "json") {
    render_taxonomy_json(std::cout, taxonomy);
  } else if (options.format == "markdown") {
    render_taxonomy_markdown(std::cout, taxonomy);
  } else if (options.format == "codes") {
    render_taxonomy_codes(std::cout, taxonomy);
  } else {
    render_taxonomy_tree(std::cout, taxonomy, Style(use_color(color_mode(globals), STDOUT_FILENO)));
  }
  return 0;
}

int run_check(const TaxonomyOptions& options, const GlobalOptions& globals) {
  ColorMode colors = color_mode(globals);
  std::vector<Diagnostic> diagnostics;
  auto taxonomy = load_taxonomy_file(options.file, diagnostics);
  sort_diagnostics(diagnostics);
  if (globals.quiet) {
    std::vector<Diagnostic> errors;
    for (const auto& d : diagnostics)
      if (d.severity == Severity::error) errors.push_back(d);
    diagnostics.swap(errors);
  }
  ValidationSummary summary{1, 0, count_severity(diagnostics, Severity::error),
                            count_severity(diagnostics, Severity::warning)};
  if (options.check_format == "json") {
    render_diagnostics_json(std::cout, diagnostics, summary);
  } else {
    Style style(use_color(colors, STDOUT_FILENO));
    SourceCache cache;
    render_diagnostics_text(std::cout, diagnostics, style,
                            [&](const std::string& f, std::uint32_t l) { return cache.line(f, l); });
    if (!globals.quiet) {
      if (taxonomy && summary.errors == 0 && summary.warnings == 0)
        std::cout << style.green("ok") << ": " << options.file << ": " << taxonomy->departments().size()
                  << " departments, " << taxonomy->entries().size() << " causes, no problems found\n";
      else
        std::cout << (summary.errors ? style.red("problems") : style.yellow("problems")) << ": " << options.file << ": "
                  << summary.errors << " error(s) and " << summary.warnings << " warning(s)\n";
    }
  }
  for (const auto& d : diagnostics)
    if (d.rule == "io-error" || d.rule == "input-limit") return 2;
  if (summary.errors > 0 || (options.strict && summary.warnings > 0)) return 1;
  return 0;
}

}  // namespace

void add_taxonomy_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<TaxonomyOptions>();
  CLI::App* cmd = app.add_subcommand("taxonomy", "Print the active cause taxonomy, or check a taxonomy file");
  cmd->require_subcommand(0, 1);
  CLI::App* show = cmd->add_subcommand("show", "Print the active taxonomy (the default)");
  show->add_option("-f,--format", options->format, "tree (default), yaml, json, markdown or codes")
      ->check(CLI::IsMember({"tree", "yaml", "json", "markdown", "codes"}));
  CLI::App* check = cmd->add_subcommand("check", "Check a taxonomy file; exit 0 ok, 1 errors, 2 unreadable");
  check->add_option("file", options->file, "The taxonomy file")->required();
  check->add_option("-f,--format", options->check_format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  check->add_flag("--strict", options->strict, "Fail (exit 1) on warnings too");
  cmd->callback([&action, options, &globals, show, check] {
    if (check->parsed())
      action = [options, &globals] { return run_check(*options, globals); };
    else
      action = [options, &globals] { return run_show(*options, globals); };
    (void)show;
  });
}

}  // namespace esc
