#include <unistd.h>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "esc/analyze/analyzer.hpp"
#include "esc/analyze/redact.hpp"
#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/render/report_render.hpp"

namespace esc {
namespace {

struct ReportOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string table;
  std::string output;
  bool force = false;
  bool redact = false;
  std::string since, until, as_of;
  std::vector<std::string> segments, accounts, tags;
  std::size_t min_accounts = 2;
};

Date parse_date_option(const std::string& text, const char* option) {
  auto date = Date::parse(text);
  if (!date) throw CliError(fmt::format("{}: `{}` is not a date (YYYY-MM-DD)", option, text));
  return *date;
}

AnalysisOptions analysis_options(const ReportOptions& o) {
  AnalysisOptions a;
  if (!o.since.empty()) a.since = parse_date_option(o.since, "--since");
  if (!o.until.empty()) a.until = parse_date_option(o.until, "--until");
  if (!o.as_of.empty()) a.as_of = parse_date_option(o.as_of, "--as-of");
  a.segments = o.segments;
  a.accounts = o.accounts;
  a.tags = o.tags;
  a.min_accounts = o.min_accounts;
  return a;
}

int run_report(const ReportOptions& options, const GlobalOptions& globals) {
  AnalysisOptions analysis = analysis_options(options);
  ColorMode colors = color_mode(globals);
  if (options.format == "csv" && options.table.empty())
    throw CliError(
        fmt::format("--format csv writes one table; choose it with --table {}", fmt::join(csv_tables(), "|")));
  if (options.format != "csv" && !options.table.empty())
    throw CliError("--table goes with --format csv (the other formats hold every table)");
  AnalysisInput input = load_for_analysis(options.paths, globals);
  Report report = analyze(input.cases, active_taxonomy(globals), analysis, input.skipped);
  if (options.redact) redact_report(report);
  std::ostringstream out;
  bool to_terminal = options.output.empty() || options.output == "-";
  if (options.format == "json") {
    render_report_json(out, report);
  } else if (options.format == "csv") {
    render_report_csv(out, report, options.table);
  } else {
    Style style(to_terminal && use_color(colors, STDOUT_FILENO));
    render_report_text(out, report, style, to_terminal ? terminal_width() : 100);
  }
  write_output(options.output, out.str(), options.force);
  if (!to_terminal && !globals.quiet) std::cerr << "esc-autopsy: wrote " << options.output << '\n';
  return 0;
}

}  // namespace

/// Binds the analysis filters shared by `report` and `graph`.
void add_filter_options(CLI::App& cmd, std::string& since, std::string& until, std::vector<std::string>& segments,
                        std::vector<std::string>& accounts, std::vector<std::string>& tags) {
  cmd.add_option("--since", since, "Only cases opened on or after this date (YYYY-MM-DD)");
  cmd.add_option("--until", until, "Only cases opened on or before this date (YYYY-MM-DD)");
  cmd.add_option("--segment", segments, "Only accounts in this segment (repeatable)")->take_last();
  cmd.add_option("--account", accounts, "Only this account id (repeatable)")->take_last();
  cmd.add_option("--tag", tags, "Only cases with this tag (repeatable)")->take_last();
}

void add_report_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Analyse case files: recurring causes, chains, accounts, departments");
  cmd->add_option("paths", options->paths, "Case files or folders; - reads stdin")->required();
  cmd->add_option("-f,--format", options->format, "Output format: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("--table", options->table, "With --format csv: the table to write")
      ->check(CLI::IsMember(csv_tables()));
  cmd->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  cmd->add_flag("--redact", options->redact, "Replace account ids and names with stable pseudonyms");
  add_filter_options(*cmd, options->since, options->until, options->segments, options->accounts, options->tags);
  cmd->add_option("--as-of", options->as_of, "The date that decides what is overdue (default: today)");
  cmd->add_option("--min-accounts", options->min_accounts, "Recurrence threshold in accounts (default 2)")
      ->check(CLI::PositiveNumber);
  cmd->callback(
      [&action, options, &globals] { action = [options, &globals] { return run_report(*options, globals); }; });
}

}  // namespace esc
