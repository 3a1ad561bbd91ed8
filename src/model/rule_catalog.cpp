#include "esc/model/rule_catalog.hpp"

#include <algorithm>

namespace esc {

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> rules = {
      {"yaml-syntax", Severity::error, "The file is not well-formed YAML."},
      {"duplicate-key", Severity::error, "A mapping states the same key twice."},
      {"missing-field", Severity::error, "A required field is absent or empty."},
      {"wrong-type", Severity::error, "A value has the wrong shape (mapping, list, text or number)."},
      {"bad-date", Severity::error, "A date is not a real calendar date written YYYY-MM-DD."},
      {"date-order", Severity::error, "A case was closed before it was opened."},
      {"bad-enum", Severity::error, "A value is not one of the allowed words."},
      {"unknown-cause", Severity::error, "A cause code is not in the taxonomy."},
      {"duplicate-id", Severity::error, "Two cases share one id."},
      {"duplicate-cause", Severity::error, "A case cites the same cause code twice."},
      {"dangling-link", Severity::error, "caused_by names a code that the case does not cite."},
      {"causal-cycle", Severity::error, "The caused_by links of a case form a cycle."},
      {"unknown-department", Severity::error, "A department id is not in the taxonomy."},
      {"bad-code", Severity::error, "A taxonomy code is malformed or not under its parent."},
      {"bad-encoding", Severity::error, "The file is not UTF-8 text."},
      {"input-limit", Severity::error, "The file exceeds a safety limit (size, nesting, aliases, documents)."},
      {"io-error", Severity::error, "A path could not be read (missing, unreadable, dangling link, loop)."},
      {"unknown-key", Severity::warning, "A key is not part of the format."},
      {"no-evidence", Severity::warning, "A confirmed cause has no evidence."},
      {"no-actions", Severity::warning, "A closed case has no follow-up actions."},
      {"owner-absent", Severity::warning, "The department owning a cause was not in the review."},
      {"autopsy-pending", Severity::warning, "An open case has no causes yet."},
      {"timeline-order", Severity::warning, "Timeline entries are not in ascending date order."},
      {"account-mismatch", Severity::warning, "One account id appears with different names or segments."},
      {"deprecated-code", Severity::warning, "A cause code is a deprecated alias of another code."},
      {"unused-suppression", Severity::warning, "A suppression comment silences nothing."},
  };
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& rules = rule_catalog();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

}  // namespace esc
