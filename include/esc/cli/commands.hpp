#pragma once
#include <functional>

#include <CLI/CLI.hpp>

#include "esc/analyze/report.hpp"
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
void add_import_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);
void add_help_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);

/// The analysis filters shared by `report` and `graph`, as given on the command line.
struct FilterOptions {
  std::string since, until;
  std::vector<std::string> segments, accounts, tags, causes;
};

/// Binds --since, --until, --segment, --account, --tag and --cause to `filters`.
void add_filter_options(CLI::App& cmd, FilterOptions& filters);

/// Copies the filters into `analysis` (cause codes made canonical); throws
/// CliError for a date that is not YYYY-MM-DD or a code not in `taxonomy`.
void apply_filters(const FilterOptions& filters, const Taxonomy& taxonomy, AnalysisOptions& analysis);

/// For each --account, --segment or --tag value that no valid case of `input`
/// has, a warning line ("--account acme123 matches no case; did you mean
/// `ACME123`?"), in option order. The analysis still runs: an empty result
/// is an answer too.
std::vector<std::string> unmatched_filters(const FilterOptions& filters, const AnalysisInput& input);

/// Parses a YYYY-MM-DD option value; throws CliError naming `option` otherwise.
Date parse_date_option(const std::string& text, const char* option);

}  // namespace esc
