#include <iostream>
#include <memory>

#include "esc/analyze/analyzer.hpp"
#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/render/graph_render.hpp"

namespace esc {
namespace {

struct GraphOptions {
  std::vector<std::string> paths;
  std::string format = "dot";
  std::string output;
  bool force = false;
  FilterOptions filters;
  std::size_t min_accounts = 1;
};

int run_graph(const GraphOptions& options, const GlobalOptions& globals) {
  const Taxonomy& taxonomy = active_taxonomy(globals);
  AnalysisOptions analysis;
  apply_filters(options.filters, taxonomy, analysis);
  analysis.min_accounts = options.min_accounts;
  AnalysisInput input = load_for_analysis(options.paths, globals);
  if (!globals.quiet)
    for (const auto& warning : unmatched_filters(options.filters, input)) std::cerr << "esc-autopsy: warning: " << warning << '\n';
  Report report = analyze(input.cases, *input.set.strings, taxonomy, analysis, input.skipped);
  write_output(
      options.output,
      [&](std::ostream& out) {
        if (options.format == "mermaid")
          render_graph_mermaid(out, report, taxonomy, options.min_accounts);
        else if (options.format == "graphml")
          render_graph_graphml(out, report, taxonomy, options.min_accounts);
        else if (options.format == "json")
          render_graph_json(out, report, taxonomy, options.min_accounts);
        else
          render_graph_dot(out, report, taxonomy, options.min_accounts);
      },
      options.force);
  return 0;
}

}  // namespace

void add_graph_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand("graph", "Export the aggregated cause graph (dot, mermaid, graphml, json)");
  cmd->add_option("paths", options->paths, "Case files or folders; - reads stdin")->required();
  cmd->add_option("-f,--format", options->format, "Output format: dot, mermaid, graphml or json")
      ->check(CLI::IsMember({"dot", "mermaid", "graphml", "json"}));
  cmd->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  add_filter_options(*cmd, options->filters);
  cmd->add_option("--min-accounts", options->min_accounts, "Keep only edges seen at this many accounts (default 1)")
      ->check(CLI::PositiveNumber);
  cmd->callback(
      [&action, options, &globals] { action = [options, &globals] { return run_graph(*options, globals); }; });
}

}  // namespace esc
