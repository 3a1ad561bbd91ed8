#include <iostream>
#include <memory>
#include <sstream>

#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/render/case_schema.hpp"

namespace esc {
namespace {

struct SchemaOptions {
  std::string output;
  bool force = false;
};

int run_schema(const SchemaOptions& options, const GlobalOptions& globals) {
  std::ostringstream out;
  render_case_schema(out, active_taxonomy(globals));
  write_output(options.output, out.str(), options.force);
  if (!options.output.empty() && options.output != "-" && !globals.quiet)
    std::cerr << "esc-autopsy: wrote " << options.output << '\n';
  return 0;
}

}  // namespace

void add_schema_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<SchemaOptions>();
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema of case files (with the active taxonomy's codes) for editors");
  cmd->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  cmd->callback([&action, options, &globals] { action = [options, &globals] { return run_schema(*options, globals); }; });
}

}  // namespace esc
