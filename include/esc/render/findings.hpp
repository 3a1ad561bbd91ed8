#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "esc/analyze/report.hpp"

namespace esc {

/// How strongly the numbers back a finding: a test's p (or q) below 0.01 is
/// strong, below 0.05 moderate; a plain count is moderate or weak by kind.
enum class Strength { weak, moderate, strong };
std::string_view to_string(Strength strength);
/// The factor a strength gives a finding's rank: 0.3, 0.6, 1.
double strength_weight(Strength strength);

/// One headline of a report, in plain language a VP reads in seconds, and
/// the data behind it (issue 14): every number in `headline` is one of the
/// report's (JSON) numbers.
struct Finding {
  std::string
      kind;  // chain, churn-cause, third-strike, failed-fix, fix-held, severity, overdue, loop, absent, top-cause
  std::string headline;                                  // one sentence, plain text (renderers escape it)
  double arr = 0;                                        // the ARR the finding concerns
  std::vector<std::pair<std::string, double>> evidence;  // the numbers behind it, by JSON key
  Strength strength = Strength::weak;
  double score = 0;  // arr * strength_weight: the rank
};

/// How findings name causes, departments and accounts; an empty function
/// keeps the code or id (the terminal report), reports for people pass titles.
struct FindingNames {
  std::function<std::string(const std::string&)> cause, department, account;
  /// Applied to any other user string a sentence quotes (an account's name and id).
  std::function<std::string(const std::string&)> text;
};

/// The findings that matter most, at most `limit`: ranked by score, the best
/// of each kind before a second of any kind, and at most two of one kind.
std::vector<Finding> key_findings(const Report& report, std::size_t limit = 5, const FindingNames& names = {});

/// Money for people: "$950", "$480k", "$2.6M", "$1.8B".
std::string format_money(double amount);

/// A whole number with thousands separators: "12,480".
std::string format_count(std::size_t n);

/// A share as a percentage: "50%", "4.5%" (below 10%), "0%".
std::string format_percent(double share);

/// A p- or q-value: "p = 0.004", "p < 0.001" (with `name` "q": "q = ...").
std::string format_p(double p, const std::string& name = "p");

/// A fix's 95% interval of the rate ratio: "0.03–0.28", "0.00–∞" when unbounded.
std::string format_rate_ratio_ci(const FixStat& fix);

/// What a report left out, in words: "2 cases with errors, 1 unreadable file
/// and 3 cases opened after <as_of_words>"; "" when nothing was.
std::string left_out_text(const ReportSummary& summary, const std::string& as_of_words);
/// The analysis filters in words ("opened on or after 2024-01-01; in segment
/// enterprise"), or "" without filters.
std::string filters_text(const AnalysisOptions& options);

/// A statistic rounded to 6 significant digits, so that JSON and CSV bytes do
/// not depend on the last bit of a floating-point sum.
double round_statistic(double value);

/// "a → b → c" (or with `arrow` between codes).
std::string format_chain(const std::vector<std::string>& path, const std::string& arrow = " → ");

/// "1 account" / "3 accounts".
std::string count_of(std::size_t n, const std::string& singular, const std::string& plural = "");

/// "a, b and c"; past `most` items: "a, b, c +2 more".
std::string join_names(const std::vector<std::string>& items, std::size_t most = 3);

}  // namespace esc
