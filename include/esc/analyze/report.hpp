#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "esc/analyze/baseline.hpp"
#include "esc/model/case.hpp"
#include "esc/model/date.hpp"

namespace esc {

// The one report model (SPEC 5): every renderer (text, json, markdown, html,
// csv) presents these numbers. Field names follow the JSON keys.

struct ReportSummary {
  std::size_t cases = 0;
  std::size_t accounts = 0;
  std::size_t open_cases = 0;
  double arr_total = 0;
  // The ARR of the accounts by where they stand (they add up to arr_total):
  // lost (churned, downgraded), at risk (outcome open or at-risk, or no
  // outcome and an open case), retained, and the rest (no outcome stated).
  double arr_churned = 0, arr_downgraded = 0, arr_at_risk = 0, arr_retained = 0, arr_unknown = 0;
  std::size_t skipped = 0;           // cases left out for validation errors
  std::size_t unreadable_files = 0;  // files with a file-level error (did not parse, bad encoding, ...)
  std::size_t after_as_of = 0;       // cases opened after --as-of, left out
};

/// Whether the accounts with something churned more than the other accounts
/// (SPEC 5, issue 14): churned share with it against without it.
struct ChurnAssociation {
  std::optional<double> churn_rate, base_churn_rate;  // nullopt when a group is empty
  std::optional<double> relative_risk;                // nullopt when undefined (base rate 0)
  std::optional<double> rr_lo, rr_hi;                 // its 95% confidence interval
  double p_value = 1;                                 // Fisher's exact, one-sided (more churn)
  double q_value = 1;                                 // Benjamini-Hochberg within its list
};

struct CauseStat {
  std::string code, title, category, owner;
  std::size_t cases = 0, accounts = 0;
  double arr = 0;
  std::size_t as_root = 0, confirmed = 0, churned_accounts = 0, reach = 0;
  std::size_t likely = 0, suspected = 0;  // extra: cases by the other confidences
  ChurnAssociation churn;
};

struct CategoryStat {
  std::string code, title;
  std::size_t cases = 0, accounts = 0;
  double arr = 0;
};

struct LinkStat {
  std::string from, to;
  std::size_t cases = 0, accounts = 0;
};

struct ChainStat {
  std::vector<std::string> path;
  std::size_t cases = 0, accounts = 0;
  double arr = 0;                    // extra: ARR of those accounts
  std::size_t churned_accounts = 0;  // extra: of those accounts, how many churned
  ChurnAssociation churn;
};

struct PairStat {
  std::string a, b;
  std::size_t cases = 0, accounts = 0;
  double lift = 0;
  double p_value = 1, q_value = 1;  // co-occurrence: Fisher over-representation, BH across pairs
  std::size_t churned_accounts = 0;  // of its accounts, how many churned
  ChurnAssociation churn;
};

/// Extra: one case as reports list it (JSON `{id, title, account, opened,
/// closed, outcome}`), e.g. an account's escalations.
struct CaseRef {
  std::string id, title, account;
  std::optional<Date> opened, closed;
  std::optional<Outcome> outcome;
  std::string codes;  // with AnalysisOptions::case_codes: its canonical cause codes in file order, joined by ";"
};

/// An index into Report::case_refs: lists of cases share one copy of each.
using CaseRefIndex = std::uint32_t;

struct RepeatAccount {
  std::string account;
  std::string name;  // extra: the account's name, when known
  std::size_t cases = 0;
  std::vector<std::string> recurring;
  bool third_strike = false;
  std::optional<Outcome> outcome;
  std::vector<CaseRefIndex> escalations;  // extra: its cases by opened date
};

/// Extra: every account of the filtered cases (JSON `accounts`), sorted by
/// cases desc, arr desc, id.
struct AccountStat {
  std::string id, name, segment;
  double arr = 0;                  // SPEC 2: from its most recently opened case stating one
  std::optional<Outcome> outcome;  // likewise
  std::size_t cases = 0, open_cases = 0;
  std::size_t actions_overdue = 0;  // its open actions past due at --as-of
};

struct DepartmentStat {
  std::string id, title;
  std::size_t causes = 0, cases = 0, accounts = 0;
  double arr = 0;
  std::size_t actions_open = 0, actions_overdue = 0, owner_absent = 0;
};

struct SegmentStat {
  std::string segment;
  std::size_t cases = 0, accounts = 0;
  std::vector<std::string> top_causes;
};

/// One quarter of the trend: every quarter from the first case's to the last
/// case's (empty ones included), none after --as-of.
struct TrendPoint {
  std::string quarter;
  std::size_t cases = 0;                          // cases opened in the quarter, each once
  std::map<std::string, std::size_t> categories;  // category code -> cases citing it (a case may cite several)
};

struct SeverityStat {
  std::size_t rated = 0, inflated = 0;
  std::vector<std::string> inflated_accounts;
  // extra: rated cases by claimed (row) and assessed (column) severity, sev1 first
  std::array<std::array<std::size_t, 4>, 4> matrix{};
};

/// Whether a fix held (issue 14): the rate of cases citing the code before
/// the fix against the rate after it, by the exact conditional test.
enum class FixVerdict { held, did_not_hold, too_early };
std::string_view to_string(FixVerdict verdict);  // "held", "did-not-hold", "too-early"

struct FixStat {
  std::string code;
  Date fixed;  // the earliest completion of a done action on it: done, else due, else the case's closed
  std::size_t cases_before = 0, cases_after = 0, accounts_after = 0;
  long days_before = 0, days_after = 0;  // from the first case citing it to the fix; from the fix to the
                                         // last case opened in the report (or --as-of, if earlier)
  std::optional<double> rate_ratio;      // after / before, per day
  std::optional<double> rr_lo, rr_hi;    // 95% exact interval
  double p_value = 1;                    // one-sided: the rate fell
  FixVerdict verdict = FixVerdict::too_early;
  double arr_after = 0;                   // extra: ARR of the accounts in cases_after
  std::vector<CaseRefIndex> recurrences;  // extra: the cases counted in cases_after, by opened date
};

/// One open follow-up action as the action tracker lists it (issue 15).
struct ActionItem {
  CaseRefIndex case_ref = 0;  // its case (and so its account)
  std::string action, owner, cause;  // cause: the canonical code, "" when it names none
  std::optional<Date> due;
  long days_overdue = 0;  // past due: days from due to --as-of; else 0
};

/// An open or at-risk account worth acting on before its next escalation.
struct WatchItem {
  std::string account, name;
  double arr = 0;
  std::size_t cases = 0;             // its escalations (whole history, see AnalysisOptions)
  std::vector<std::string> reasons;  // why it is on the list, most weighty first
  double risk = 0;                   // the summed weights of the reasons
  double score = 0;                  // arr * risk
};

/// The filters and thresholds a report was computed with.
struct AnalysisOptions {
  std::optional<Date> since, until;                   // inclusive, on `opened`
  std::vector<std::string> segments, accounts, tags;  // any of each (OR), all filters (AND)
  std::vector<std::string> causes;  // canonical codes: cases citing one of them or a code under it
  Date as_of = Date::today();
  std::size_t min_accounts = 2;
  bool case_codes = false;  // fill CaseRef::codes (only `--table cases` reads them: memory at 100k cases)
};

struct Report {
  AnalysisOptions options;
  bool redacted = false;  // extra: account ids and names were pseudonymised (--redact)
  ReportSummary summary;
  std::vector<CaseRef> case_refs;  // every analysed case once, in input order; see CaseRefIndex
  std::vector<CauseStat> causes;
  std::vector<CategoryStat> categories;
  std::vector<LinkStat> links;
  std::vector<ChainStat> chains;
  std::vector<PairStat> pairs;
  std::vector<RepeatAccount> repeat_accounts;
  std::vector<AccountStat> accounts;  // extra
  std::vector<std::vector<std::string>> loops;
  std::vector<DepartmentStat> departments;
  std::vector<SegmentStat> segments;
  std::vector<TrendPoint> trend;
  SeverityStat severity;
  std::vector<FixStat> fixes;
  std::vector<WatchItem> watchlist;
  std::vector<ActionItem> actions;  // the open ones: overdue first (most days first), then by due date
  std::optional<BaselineComparison> baseline;  // extra: with --baseline, the change since that report
};

}  // namespace esc
