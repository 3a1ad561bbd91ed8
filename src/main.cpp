// esc-autopsy: parses the command line and dispatches to a subcommand.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "esc/cli/commands.hpp"
#include "esc/model/version.hpp"

int main(int argc, char** argv) {
  using namespace esc;
  CLI::App app{"esc-autopsy: escalation autopsies and the root causes that recur across accounts"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", fmt::format("esc-autopsy {} ({})", version(), git_revision()));

  GlobalOptions globals;
  app.add_option("--taxonomy", globals.taxonomy_path, "Cause taxonomy file (default: built in)");
  app.add_option("--config", globals.config_path, "Config file (default: nearest .esc-autopsy.yaml upward)");
  app.add_option("--color", globals.color, "Colour output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--max-file-size", globals.max_file_size, "Largest case file to read (default 16MiB)");
  app.add_option("-j,--jobs", globals.jobs, "Files loaded in parallel (default: number of cores)");
  app.add_flag("-q,--quiet", globals.quiet, "Print only errors and requested output");

  CommandAction action;
  add_validate_command(app, globals, action);
  add_report_command(app, globals, action);
  add_graph_command(app, globals, action);
  add_schema_command(app, globals, action);
  add_taxonomy_command(app, globals, action);
  add_new_command(app, globals, action);
  add_review_command(app, globals, action);
  add_import_command(app, globals, action);
  add_help_command(app, globals, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    return action ? action() : 2;
  } catch (const CliError& e) {
    std::cerr << "esc-autopsy: " << e.what() << '\n';
    return e.exit_code;
  } catch (const std::exception& e) {
    std::cerr << "esc-autopsy: internal error: " << e.what() << '\n';
    return 3;
  }
}
