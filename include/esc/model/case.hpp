#pragma once
#include <optional>
#include <string>
#include <vector>

#include "esc/model/date.hpp"
#include "esc/model/source_mark.hpp"

namespace esc {

enum class Outcome { open, at_risk, retained, downgraded, churned };
enum class Confidence { confirmed, likely, suspected };
enum class ActionStatus { open, done, dropped };

/// The YAML spelling of each enum value ("at-risk", "confirmed", ...).
std::string_view to_string(Outcome value);
std::string_view to_string(Confidence value);
std::string_view to_string(ActionStatus value);
/// The accepted spellings, in documentation order.
const std::vector<std::string>& outcome_names();
const std::vector<std::string>& confidence_names();
const std::vector<std::string>& action_status_names();
const std::vector<std::string>& severity_names();  // sev1..sev4

/// A string with the position it was read from.
struct Located {
  std::string value;
  SourceMark mark;
};

struct Account {
  Located id;
  Located name;
  Located segment;
  std::string region;
  std::optional<double> arr;
};

struct TimelineEntry {
  std::optional<Date> date;
  SourceMark date_mark;
  std::string event;
  Located source;
};

struct Cause {
  Located code;  // as written; may be a deprecated alias
  Confidence confidence = Confidence::suspected;
  std::string evidence;
  Located owner;  // override of the taxonomy owner; empty if none
  std::vector<Located> caused_by;
  std::string note;
  SourceMark mark;  // the start of the cause's mapping
};

struct Action {
  std::string action;
  Located owner;
  std::optional<Date> due;
  std::optional<Date> done;  // when it was completed (status done)
  ActionStatus status = ActionStatus::open;
  Located cause;
  SourceMark mark;
};

struct Review {
  std::optional<Date> date;
  std::vector<Located> attendees;
  SourceMark mark;
};

/// One escalation review (one YAML document of a case file).
struct Case {
  std::size_t file_index = 0;  // into the loaded set's files
  std::size_t document = 0;    // 0-based document number in its file
  SourceMark mark;             // the start of the case mapping
  bool has_errors = false;     // set once validation has run

  Located id;
  Located title;
  Account account;
  SourceMark account_mark;
  std::optional<Date> opened;
  SourceMark opened_mark;
  std::optional<Date> closed;
  SourceMark closed_mark;
  std::optional<Outcome> outcome;
  SourceMark outcome_mark;
  std::optional<int> severity_claimed;   // 1 (most severe) .. 4
  std::optional<int> severity_assessed;  // 1 (most severe) .. 4
  std::string summary;
  std::vector<TimelineEntry> timeline;
  bool has_causes_key = false;
  std::vector<Cause> causes;
  std::vector<std::string> signals_missed;
  std::vector<Action> actions;
  std::optional<Review> reviewed;
  std::vector<std::string> tags;

  /// No `closed` date, or outcome `open` (SPEC 2).
  bool is_open() const { return !closed || outcome == Outcome::open; }
};

}  // namespace esc
