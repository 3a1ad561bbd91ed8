// esc-autopsy: parses the command line and dispatches to a subcommand.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "esc/cli/commands.hpp"
#include "esc/model/suggest.hpp"
#include "esc/model/version.hpp"

namespace {

// The long options of `app` and of the subcommands chosen under it.
void long_options(const CLI::App& app, std::vector<std::string>& out) {
  for (const CLI::Option* option : app.get_options())
    for (const auto& name : option->get_lnames()) out.push_back("--" + name);
  for (const CLI::App* sub : app.get_subcommands()) long_options(*sub, out);
}

// "did you mean `report`?" for a mistyped subcommand (when none was chosen) or
// long option, or empty.
std::string usage_hint(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> options;
  long_options(app, options);
  bool chosen = !app.get_subcommands().empty();
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    commands.push_back(sub->get_name());
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(0, arg.find('='));
      if (std::find(options.begin(), options.end(), name) == options.end())
        if (std::string hint = esc::did_you_mean(name, options); !hint.empty()) return name + ": " + hint;
    } else if (!chosen && !arg.empty() && arg[0] != '-') {
      std::string previous = i > 1 ? argv[i - 1] : "";
      bool is_value = previous == "--taxonomy" || previous == "--config" || previous == "--color" ||
                      previous == "--max-file-size" || previous == "-j" || previous == "--jobs";
      if (is_value) continue;
      std::string hint = esc::did_you_mean(arg, commands);
      return hint.empty() ? std::string() : arg + ": " + hint;
    }
  }
  return {};
}

}  // namespace

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
    if (code != 0)
      if (std::string hint = usage_hint(app, argc, argv); !hint.empty()) std::cerr << "esc-autopsy: " << hint << '\n';
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
