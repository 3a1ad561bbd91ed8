#include "esc/model/case.hpp"

namespace esc {

const std::vector<std::string>& outcome_names() {
  static const std::vector<std::string> names = {"open", "at-risk", "retained", "downgraded", "churned"};
  return names;
}

const std::vector<std::string>& confidence_names() {
  static const std::vector<std::string> names = {"confirmed", "likely", "suspected"};
  return names;
}

const std::vector<std::string>& action_status_names() {
  static const std::vector<std::string> names = {"open", "done", "dropped"};
  return names;
}

const std::vector<std::string>& severity_names() {
  static const std::vector<std::string> names = {"sev1", "sev2", "sev3", "sev4"};
  return names;
}

std::string_view to_string(Outcome value) { return outcome_names()[static_cast<std::size_t>(value)]; }
std::string_view to_string(Confidence value) { return confidence_names()[static_cast<std::size_t>(value)]; }
std::string_view to_string(ActionStatus value) { return action_status_names()[static_cast<std::size_t>(value)]; }

}  // namespace esc
