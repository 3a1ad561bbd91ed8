#pragma once
// Private helpers of the template context (report_context*.cpp).
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include <mstch/mstch.hpp>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc::context {

/// A capped view shows the first k_top_rows rows, then up to k_more_rows more.
inline constexpr std::size_t k_top_rows = 10, k_more_rows = 40, k_view_rows = k_top_rows + k_more_rows;

/// Lookups the tables need: cause and department titles, account labels.
struct Names {
  Names(const Report& report, const Taxonomy& taxonomy);
  std::string cause_title(const std::string& code) const;
  std::string department_title(const std::string& id) const;
  /// "ACME Corp" or the id when the name is unknown (or redacted).
  std::string account_label(const std::string& id) const;

  std::map<std::string, std::string> causes, departments, accounts;
};

/// `text` between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
/// ISOLATE: in a sentence or list of the tool's own, a bidi control inside a
/// user's string (U+202E) cannot reorder what comes after it.
inline std::string isolate(const std::string& text) {
  return "\u2068" + text + "\u2069";
}

/// A count as text ("12").
inline std::string n(std::size_t value) {
  return std::to_string(value);
}
/// A plain number as text: an integer when whole ("480000", "0.25").
std::string raw_number(double value);
/// A date as YYYY-MM-DD, or "" when absent.
std::string date(const std::optional<Date>& d);
/// An outcome as written in case files, or "".
std::string outcome(const std::optional<Outcome>& o);

/// How many rows of each list the context holds: all of them, or for the
/// lists in `cut` only the rows their capped view shows (the built-in
/// templates read the views only; building every row of a 100k-case report
/// cost most of the HTML report's memory).
struct ListLimits {
  std::set<std::string> cut;
  std::size_t rows(const std::string& list) const { return cut.count(list) ? k_view_rows : SIZE_MAX; }
};

// Each adds its tables to the context (report_context_tables.cpp).
void add_cause_tables(mstch::map& ctx, const Report& report, const Names& names, const ListLimits& limits);
void add_account_tables(mstch::map& ctx, const Report& report, const Names& names, const ListLimits& limits);
void add_time_tables(mstch::map& ctx, const Report& report, const Names& names, const ListLimits& limits);
/// `has_baseline` and the `baseline` map of --baseline, empty values without
/// one (report_context_baseline.cpp).
void add_baseline(mstch::map& ctx, const Report& report, const Names& names);

/// The lists the built-in templates cap; each gets a twin `<list>_view`.
inline constexpr const char* k_capped_lists[] = {"watchlist", "causes",  "chains", "repeat_accounts",
                                                 "fixes",     "actions", "pairs",  "accounts"};

/// A list as the built-in templates show it: `parts` holds the first `top`
/// rows (is_more false) and, when there are more, up to `more` further rows
/// (is_more true: behind <details>); `rest` counts the rows left for --table.
/// `total` is the list's length in the report (the context may hold fewer rows).
mstch::map capped_view(const mstch::array& rows, std::size_t total);
/// Adds `<list>_view` = capped_view(<list>) for every list of k_capped_lists.
void add_capped_views(mstch::map& ctx, const Report& report);
/// The items joined by `separator`, each isolated (isolate()); past `limit`
/// items, " and N more": "a; b; c and 12 more".
std::string join_isolated(const std::vector<std::string>& items, const std::string& separator,
                          std::size_t limit = SIZE_MAX);

}  // namespace esc::context
