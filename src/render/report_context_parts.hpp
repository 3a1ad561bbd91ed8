#pragma once
// Private helpers of the template context (report_context*.cpp).
#include <functional>
#include <map>
#include <string>

#include <mstch/mstch.hpp>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc::context {

/// Lookups the tables need: cause and department titles, account labels.
struct Names {
  Names(const Report& report, const Taxonomy& taxonomy);
  std::string cause_title(const std::string& code) const;
  std::string department_title(const std::string& id) const;
  /// "ACME Corp" or the id when the name is unknown (or redacted).
  std::string account_label(const std::string& id) const;

  std::map<std::string, std::string> causes, departments, accounts;
};

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

// Each adds its tables to the context (report_context_tables.cpp).
void add_cause_tables(mstch::map& ctx, const Report& report, const Names& names);
void add_account_tables(mstch::map& ctx, const Report& report, const Names& names);
void add_time_tables(mstch::map& ctx, const Report& report, const Names& names);
/// `has_baseline` and the `baseline` map of --baseline, empty values without
/// one (report_context_baseline.cpp).
void add_baseline(mstch::map& ctx, const Report& report, const Names& names);

}  // namespace esc::context
