#pragma once
#include <string_view>
#include <vector>

#include "esc/model/diagnostic.hpp"

namespace esc {

/// A validation rule: its contract id, default severity and a one-line summary.
struct RuleInfo {
  std::string_view id;
  Severity default_severity;
  std::string_view summary;
};

/// Every rule the tool can report, in documentation order.
const std::vector<RuleInfo>& rule_catalog();

/// The rule with this id, or nullptr.
const RuleInfo* find_rule(std::string_view id);

}  // namespace esc
