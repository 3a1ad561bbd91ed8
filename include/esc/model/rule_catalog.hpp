#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "esc/model/diagnostic.hpp"

namespace esc {

/// A validation rule: its contract id, default severity, a one-line summary
/// and a help text saying how to fix a finding. A rule that is not
/// `configurable` (a path that cannot be read, no input at all) keeps its
/// severity whatever the config says and cannot be suppressed.
struct RuleInfo {
  std::string_view id;
  Severity default_severity;
  std::string_view summary;
  std::string_view help;
  bool configurable = true;
};

/// Every rule the tool can report, in documentation order.
const std::vector<RuleInfo>& rule_catalog();

/// The rule with this id, or nullptr.
const RuleInfo* find_rule(std::string_view id);

/// Every rule id, in documentation order (for did-you-mean).
std::vector<std::string> rule_ids();

}  // namespace esc
