#pragma once
// Private helpers shared by the account view's renderers (account_*.cpp, svg_account.cpp).
#include <string>

#include <fmt/format.h>

#include "esc/analyze/account_view.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc::account {

/// The taxonomy title of a code, or the code when it has none.
inline std::string cause_title(const Taxonomy& taxonomy, const std::string& code) {
  const TaxonomyEntry* entry = taxonomy.resolve(code);
  return entry && !entry->title.empty() ? entry->title : code;
}

/// "sev1", or "" when not rated.
inline std::string severity(const std::optional<int>& level) {
  return level ? fmt::format("sev{}", *level) : std::string();
}

/// The severity as reviewed: "sev1", "sev3 (claimed sev1)", "claimed sev2", or "".
inline std::string severity_text(const AccountEscalation& e) {
  if (!e.severity_assessed) return e.severity_claimed ? "claimed " + severity(e.severity_claimed) : "";
  if (e.severity_claimed && *e.severity_claimed != *e.severity_assessed)
    return fmt::format("{} (claimed {})", severity(e.severity_assessed), severity(e.severity_claimed));
  return severity(e.severity_assessed);
}

/// "2024-01-15 to 2024-03-08", "2025-02-24, open", "no opened date".
inline std::string dates_text(const AccountEscalation& e) {
  std::string opened = e.opened ? e.opened->to_string() : "no opened date";
  return e.closed ? opened + " to " + e.closed->to_string() : opened + ", open";
}

/// The company-wide verdict in words: "held", "did not hold", "too early to tell", "no fix recorded".
inline std::string verdict_text(const AccountCauseFix& f) {
  if (!f.fix) return "no fix recorded";
  switch (f.fix->verdict) {
    case FixVerdict::held:
      return "held";
    case FixVerdict::did_not_hold:
      return "did not hold";
    case FixVerdict::too_early:
      return "too early to tell";
  }
  return "";
}

/// An action's status in words: "open", "open, overdue", "done 2023-07-31", "dropped".
inline std::string action_status_text(const AccountAction& a) {
  switch (a.status) {
    case ActionStatus::open:
      return a.overdue ? "open, overdue" : "open";
    case ActionStatus::done:
      return a.done ? "done " + a.done->to_string() : "done";
    case ActionStatus::dropped:
      return "dropped";
  }
  return "";
}

/// What an action is, in words: its text, else (done and dropped ones keep
/// none) "fix for <cause title>", else "an action".
inline std::string action_text(const Taxonomy& taxonomy, const AccountAction& a) {
  if (!a.text.empty()) return a.text;
  return a.cause.empty() ? "an action without a cause" : "fix for " + cause_title(taxonomy, a.cause);
}

/// The account's label: its name, else its id.
inline std::string label(const AccountView& view) {
  return view.name.empty() ? view.id : view.name;
}

}  // namespace esc::account
