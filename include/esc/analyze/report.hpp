#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

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
  std::size_t skipped = 0;  // cases left out for validation errors
};

struct CauseStat {
  std::string code, title, category, owner;
  std::size_t cases = 0, accounts = 0;
  double arr = 0;
  std::size_t as_root = 0, confirmed = 0, churned_accounts = 0, reach = 0;
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
};

struct PairStat {
  std::string a, b;
  std::size_t cases = 0, accounts = 0;
  double lift = 0;
};

/// Extra: one case as reports list it (JSON `{id, title, account, opened,
/// closed, outcome}`), e.g. an account's escalations.
struct CaseRef {
  std::string id, title, account;
  std::optional<Date> opened, closed;
  std::optional<Outcome> outcome;
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

struct TrendPoint {
  std::string quarter;
  std::map<std::string, std::size_t> categories;  // category code -> cases
};

struct SeverityStat {
  std::size_t rated = 0, inflated = 0;
  std::vector<std::string> inflated_accounts;
  // extra: rated cases by claimed (row) and assessed (column) severity, sev1 first
  std::array<std::array<std::size_t, 4>, 4> matrix{};
};

struct FixStat {
  std::string code;
  Date fixed;
  std::size_t cases_after = 0, accounts_after = 0;
  std::vector<CaseRefIndex> recurrences;  // extra: the cases counted in cases_after, by opened date
};

/// The filters and thresholds a report was computed with.
struct AnalysisOptions {
  std::optional<Date> since, until;                   // inclusive, on `opened`
  std::vector<std::string> segments, accounts, tags;  // any of each (OR), all filters (AND)
  std::vector<std::string> causes;  // canonical codes: cases citing one of them or a code under it
  Date as_of = Date::today();
  std::size_t min_accounts = 2;
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
};

}  // namespace esc
