#pragma once
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/cli/context.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// The account whose one-page view `report` renders instead of the report:
/// the --account value when exactly one is given, the format is html,
/// markdown or text and no --template is given; else "".
std::string account_view_id(const std::vector<std::string>& accounts, const std::string& format,
                            const std::string& template_path);

/// How `report --account ID` writes its view.
struct AccountViewOutput {
  std::string account, format, output;
  bool force = false, redact = false;
};

/// Picks the account's part of `whole` (the report over `input` without the
/// --account filter), redacts it with --redact, renders it and writes it.
/// Throws CliError (exit 2) when no case of the account passes the other
/// filters, before writing anything. `whole` is redacted too with --redact.
void write_account_view(const AccountViewOutput& request, Report& whole, const AnalysisInput& input,
                        const Taxonomy& taxonomy, const GlobalOptions& globals);

}  // namespace esc
