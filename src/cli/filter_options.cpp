#include <fmt/format.h>

#include "esc/cli/commands.hpp"

namespace esc {

Date parse_date_option(const std::string& text, const char* option) {
  auto date = Date::parse(text);
  if (!date) throw CliError(fmt::format("{}: `{}` is not a date (YYYY-MM-DD)", option, text));
  return *date;
}

void add_filter_options(CLI::App& cmd, FilterOptions& filters) {
  cmd.add_option("--since", filters.since, "Only cases opened on or after this date (YYYY-MM-DD)");
  cmd.add_option("--until", filters.until, "Only cases opened on or before this date (YYYY-MM-DD)");
  cmd.add_option("--segment", filters.segments, "Only accounts in this segment (repeatable)")->take_last();
  cmd.add_option("--account", filters.accounts, "Only this account id (repeatable)")->take_last();
  cmd.add_option("--tag", filters.tags, "Only cases with this tag (repeatable)")->take_last();
}

void apply_filters(const FilterOptions& filters, AnalysisOptions& analysis) {
  if (!filters.since.empty()) analysis.since = parse_date_option(filters.since, "--since");
  if (!filters.until.empty()) analysis.until = parse_date_option(filters.until, "--until");
  analysis.segments = filters.segments;
  analysis.accounts = filters.accounts;
  analysis.tags = filters.tags;
}

}  // namespace esc
