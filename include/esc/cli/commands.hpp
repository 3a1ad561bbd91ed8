#pragma once
#include <functional>

#include <CLI/CLI.hpp>

#include "esc/cli/context.hpp"

namespace esc {

/// What a subcommand runs once the command line is parsed; returns the exit status.
using CommandAction = std::function<int()>;

/// Each registers one subcommand on `app`; when it is chosen, its action is
/// stored in `action`. The options structs live as long as the App.
void add_validate_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_report_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_graph_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_schema_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_new_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_taxonomy_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_review_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_help_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);

/// Binds --since, --until, --segment, --account and --tag (shared by report and graph).
void add_filter_options(CLI::App& cmd, std::string& since, std::string& until, std::vector<std::string>& segments,
                        std::vector<std::string>& accounts, std::vector<std::string>& tags);

}  // namespace esc
