#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "esc/analyze/analyzer.hpp"
#include "esc/analyze/redact.hpp"
#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/cli/report_account.hpp"
#include "esc/render/baseline.hpp"
#include "esc/render/report_render.hpp"
#include "esc/render/report_template.hpp"

namespace esc {
namespace {

struct ReportOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool format_given = false;
  std::string table;
  std::string template_path;
  std::string output;
  bool force = false;
  bool redact = false;
  bool strict = false;
  FilterOptions filters;
  std::string as_of;
  std::size_t min_accounts = 2;
  std::string baseline;
};

AnalysisOptions analysis_options(const ReportOptions& o, const Taxonomy& taxonomy) {
  AnalysisOptions a;
  apply_filters(o.filters, taxonomy, a);
  if (!o.as_of.empty()) a.as_of = parse_date_option(o.as_of, "--as-of");
  a.min_accounts = o.min_accounts;
  a.case_codes = o.table == "cases";
  return a;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The format an output file's extension names: "" for none known, "refuse"
// for one no format writes.
std::string format_of_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".md" || ext == ".markdown") return "markdown";
  if (ext == ".json") return "json";
  if (ext == ".csv") return "csv";
  if (ext == ".txt") return "text";
  if (ext == ".pdf" || ext == ".png" || ext == ".svg" || ext == ".xlsx" || ext == ".docx") return "refuse";
  return "";
}

// -o FILE: without --format its extension decides; a contradicting one is refused.
std::string output_format(const ReportOptions& o) {
  if (o.output.empty() || o.output == "-") return o.format;
  std::error_code error;
  if (std::filesystem::is_directory(o.output, error))
    throw CliError(fmt::format("-o {} is a folder; name a file in it, e.g. -o {}/report.html", o.output,
                               o.output.back() == '/' ? o.output.substr(0, o.output.size() - 1) : o.output));
  std::string by_name = format_of_extension(o.output);
  if (by_name == "refuse")
    throw CliError(fmt::format("-o {}: report writes text, json, markdown, html or csv, not {}; for a PDF, print "
                               "the HTML report from a browser",
                               o.output, std::filesystem::path(o.output).extension().string()));
  if (!o.format_given) return by_name.empty() || !o.template_path.empty() ? o.format : by_name;
  if (!by_name.empty() && by_name != o.format)
    throw CliError(fmt::format("--format {} does not match -o {} (a {} file name); change one of them", o.format,
                               o.output, by_name));
  return o.format;
}

// --template FILE goes with html or markdown; without --format, the file name decides.
std::string checked_format(ReportOptions o) {
  o.format = output_format(o);
  if (o.format == "csv" && o.table.empty())
    throw CliError(
        fmt::format("--format csv writes one table; choose it with --table {}", fmt::join(csv_tables(), "|")));
  if (o.format != "csv" && !o.table.empty())
    throw CliError("--table goes with --format csv (the other formats hold every table)");
  if (o.template_path.empty() || o.format == "html" || o.format == "markdown") return o.format;
  if (!o.format_given) {
    if (ends_with(o.template_path, ".html") || ends_with(o.template_path, ".htm") ||
        ends_with(o.template_path, ".html.mustache"))
      return "html";
    if (ends_with(o.template_path, ".md") || ends_with(o.template_path, ".markdown") ||
        ends_with(o.template_path, ".md.mustache"))
      return "markdown";
  }
  throw CliError(fmt::format("--template renders HTML or Markdown; add --format html or --format markdown{}",
                             o.format_given ? fmt::format(" (not {})", o.format) : ""));
}

std::string read_template(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError(fmt::format("cannot read the template {}: {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw CliError(fmt::format("cannot read the template {}", path));
  return text.str();
}

// Renders html or markdown with the built-in template, or with `template_text` read from `template_path`.
void render_with_template(std::ostream& out, const Report& report, const Taxonomy& taxonomy, const std::string& format,
                          const std::string& template_path, const std::string& template_text) {
  TemplateFormat kind = format == "html" ? TemplateFormat::html : TemplateFormat::markdown;
  std::string name = template_path.empty() ? builtin_template_name(kind) : template_path;
  std::string text = template_path.empty() ? builtin_template(kind) : template_text;
  try {
    render_report_template(out, report, taxonomy, kind, name, text);
  } catch (const TemplateError& e) {
    throw CliError(fmt::format("the template cannot be used:\n{}", e.what()));
  }
}

// --baseline FILE: refused with csv and when it is the output file; read
// before the cases so that a bad baseline fails fast (exit 2).
std::optional<ReportSnapshot> read_baseline_option(const ReportOptions& o, const std::string& format) {
  if (o.baseline.empty()) return std::nullopt;
  if (format == "csv")
    throw CliError("--baseline goes with --format text, json, markdown or html (a CSV table has no place for it)");
  std::error_code error;
  bool to_file = !o.output.empty() && o.output != "-";
  if (to_file && std::filesystem::equivalent(o.baseline, o.output, error))
    throw CliError(
        fmt::format("--baseline {} is the output file -o {}: writing the new report would replace the "
                    "baseline; write it elsewhere",
                    o.baseline, o.output));
  try {
    return read_baseline(o.baseline);
  } catch (const BaselineError& e) {
    throw CliError(e.what());
  }
}

// Compares the report with its baseline and warns when they are not like for like.
void add_baseline(Report& report, const ReportSnapshot& then, const std::string& file, bool quiet) {
  report.baseline = compare_to_baseline(then, snapshot_of(report), file);
  if (quiet) return;
  for (const auto& difference : report.baseline->filter_differences)
    std::cerr << "esc-autopsy: warning: the baseline was made with other filters (" << difference
              << "); its changes are not like for like\n";
  if (then.as_of > report.options.as_of.to_string())
    std::cerr << fmt::format("esc-autopsy: warning: the baseline (as of {}) is newer than this report (as of {})\n",
                             then.as_of, report.options.as_of.to_string());
}

int run_report(const ReportOptions& options, const GlobalOptions& globals) {
  const Taxonomy& taxonomy = active_taxonomy(globals);
  AnalysisOptions analysis = analysis_options(options, taxonomy);
  ColorMode colors = color_mode(globals);
  std::string format = checked_format(options);
  std::string template_text = options.template_path.empty() ? "" : read_template(options.template_path);
  // One --account in html, markdown or text: the account view, whose verdicts need the whole set.
  std::string account = account_view_id(options.filters.accounts, format, options.template_path);
  if (!account.empty()) analysis.accounts.clear();
  if (!account.empty() && !options.baseline.empty())
    throw CliError("--baseline compares whole reports, not the view of one --account; add --format json for "
                   "that account's figures with their change");
  std::optional<ReportSnapshot> baseline = read_baseline_option(options, format);
  AnalysisInput input = load_for_analysis(options.paths, globals);
  if (!globals.quiet)
    for (const auto& warning : unmatched_filters(options.filters, input)) std::cerr << "esc-autopsy: warning: " << warning << '\n';
  Report report = analyze(input.cases, *input.set.strings, taxonomy, analysis, input.skipped);
  report.summary.unreadable_files = input.unreadable_files;
  if (options.redact && account.empty()) redact_report(report);
  if (baseline) add_baseline(report, *baseline, options.baseline, globals.quiet);
  bool to_terminal = options.output.empty() || options.output == "-";
  if (!account.empty()) {
    write_account_view({account, format, options.output, options.force, options.redact}, report, input, taxonomy,
                       globals);
  } else if (format == "html" || format == "markdown") {
    // A template can fail half-way: render it whole before writing anything.
    std::ostringstream out;
    render_with_template(out, report, taxonomy, format, options.template_path, template_text);
    write_output(options.output, out.str(), options.force);
  } else {
    // Streamed: the JSON report of 100,000 cases is about 100 MB.
    write_output(
        options.output,
        [&](std::ostream& out) {
          if (format == "json") {
            render_report_json(out, report);
          } else if (format == "csv") {
            render_report_csv(out, report, options.table);
          } else {
            Style style(to_terminal && use_color(colors, STDOUT_FILENO));
            render_report_text(out, report, style, to_terminal ? terminal_width() : 100);
          }
        },
        options.force);
  }
  if (!to_terminal && !globals.quiet) std::cerr << "esc-autopsy: wrote " << options.output << '\n';
  const ReportSummary& s = report.summary;
  if (s.after_as_of > 0 && !globals.quiet)
    std::cerr << fmt::format("esc-autopsy: {} case(s) opened after --as-of {} left out of the analysis\n",
                             s.after_as_of, analysis.as_of.to_string());
  bool left_out = s.skipped > 0 || s.unreadable_files > 0 || s.after_as_of > 0;
  return options.strict && left_out ? 1 : 0;
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Analyse case files: recurring causes, chains, accounts, departments");
  cmd->add_option("paths", options->paths, "Case files or folders; - reads stdin")->required();
  cmd->add_option("-f,--format", options->format, "Output format: text, json, markdown, html or csv")
      ->check(CLI::IsMember({"text", "json", "markdown", "html", "csv"}))
      ->each([options](const std::string&) { options->format_given = true; });
  cmd->add_option("--template", options->template_path,
                  "Render html or markdown with this Mustache template (context: man esc-autopsy-report)");
  cmd->add_option("--table", options->table, "With --format csv: the table to write")
      ->check(CLI::IsMember(csv_tables()));
  cmd->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  cmd->add_flag("--redact", options->redact, "Replace account ids and names with stable pseudonyms");
  cmd->add_flag("--strict", options->strict,
                "Exit 1 when a case or file was left out (errors, unreadable, opened after --as-of)");
  add_filter_options(*cmd, options->filters);
  cmd->add_option("--as-of", options->as_of, "The date that decides what is overdue (default: today)");
  cmd->add_option("--baseline", options->baseline,
                  "Show the change since this JSON report saved earlier (report --format json -o FILE)");
  cmd->add_option("--min-accounts", options->min_accounts, "Recurrence threshold in accounts (default 2)")
      ->check(CLI::PositiveNumber);
  cmd->callback(
      [&action, options, &globals] { action = [options, &globals] { return run_report(*options, globals); }; });
}

}  // namespace esc
