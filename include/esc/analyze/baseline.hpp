#pragma once
// Change since last time (`report --baseline OLD.json`): the figures of two
// reports side by side. Pure data; reading the old JSON report is the render
// layer's (render/baseline.hpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace esc {

struct Report;

/// Which way a change reads: more churn is worse, more retained is better,
/// and some figures (the ARR of all accounts) are neither.
enum class Direction { more_is_worse, more_is_better, neutral };

/// A headline figure the comparison knows: its key (as in the `baseline`
/// JSON block), its label for people and how to read a change.
struct FigureInfo {
  std::string key, label;
  Direction direction = Direction::more_is_worse;
  bool money = false;
};

/// The headline figures, in the order reports show them.
const std::vector<FigureInfo>& baseline_figures();

/// The filters a report was computed with, as its JSON `options` records them.
struct SnapshotFilters {
  std::optional<std::string> since, until;
  std::vector<std::string> segments, accounts, tags, causes;
  std::optional<double> min_accounts;
};

/// One row of a table the comparison reads (a cause by code, a department
/// by id): its values by key ("cases", "accounts", ...).
struct SnapshotItem {
  std::string id, title;
  std::map<std::string, double> values;
};

/// What a comparison needs of one report: the figures it has (by key of
/// baseline_figures()), its causes and departments in report order.
struct ReportSnapshot {
  std::string as_of;
  SnapshotFilters filters;
  std::map<std::string, double> figures;
  std::vector<SnapshotItem> causes, departments;
};

/// One number then and now; delta = now - then.
struct Change {
  std::string key;
  double then = 0, now = 0, delta = 0;
  Direction direction = Direction::more_is_worse;
  bool money = false;
};

/// A cause or department in either report. `added`: only in the new report
/// (then 0), `gone`: only in the baseline (now 0).
struct ItemChange {
  enum class Status { same, changed, added, gone };
  std::string id, title;
  Status status = Status::same;
  std::vector<Change> values;  // in the order of cause_columns() / department_columns()
};

/// "same", "changed", "new" or "gone".
std::string to_string(ItemChange::Status status);

/// The values compared per cause (cases, accounts, arr) and per department
/// (cases, accounts, arr, actions_overdue).
const std::vector<std::string>& cause_columns();
const std::vector<std::string>& department_columns();

/// The comparison of a report with its baseline.
struct BaselineComparison {
  std::string file;                             // the baseline's name as given to --baseline
  std::string as_of;                            // the baseline's as-of date
  std::vector<std::string> filter_differences;  // e.g. "--until: 2025-03-31 then, none now"
  std::vector<Change> figures;                  // those both reports have, in baseline_figures() order
  std::vector<ItemChange> causes;               // the new report's order, then the gone ones in the baseline's
  std::vector<ItemChange> departments;          // likewise
};

/// The snapshot of a report as this run computed it (same definitions as a
/// snapshot read from its JSON report: overdue actions are the departments'
/// sum, third strikes and repeat accounts counted from repeat_accounts).
ReportSnapshot snapshot_of(const Report& report);

/// Compares `now` with `then` (read from `file`): every figure both have,
/// every cause and department of either.
BaselineComparison compare_to_baseline(const ReportSnapshot& then, const ReportSnapshot& now, const std::string& file);

}  // namespace esc
