#pragma once
#include <functional>
#include <string>
#include <vector>

#include "esc/author/prompt.hpp"
#include "esc/model/case.hpp"
#include "esc/model/date.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// One cause as the review leaves it.
struct ReviewedCause {
  std::string code;  // the canonical taxonomy code; as written when `as_is`
  Confidence confidence = Confidence::suspected;
  std::string evidence;
  std::string owner;                   // override of the taxonomy's owner; empty for none
  std::vector<std::string> caused_by;  // canonical codes of causes in this case
  std::string note;
  int original = -1;    // index into the case's causes; -1 when the review added it
  bool as_is = false;   // not in the taxonomy, or cited twice: kept exactly as written, never asked about
  bool unsure = false;  // answered "unsure": recorded as suspected
};

/// What happens to an action whose cause the review removed.
struct ActionFix {
  std::size_t action = 0;  // index into the case's actions
  std::string cause;       // the cause it now names; empty: drop the action
};

/// The end state of a review session.
struct ReviewResult {
  enum class Outcome { confirmed, declined, quit, end_of_input, interrupted, failed };
  Outcome outcome = Outcome::quit;
  int signal = 0;                     // for `interrupted`
  std::string problem;                // for `failed`: why the session could not go on
  std::vector<ReviewedCause> causes;  // kept causes in file order, then added ones in walk order
  bool has_review = false;            // write a `reviewed:` block
  std::string review_date;            // YYYY-MM-DD
  std::vector<std::string> attendees;
  std::vector<ActionFix> action_fixes;  // by action index
  std::vector<std::string> changes;     // one line per change, from describe_changes()
};

struct ReviewOptions {
  Date today;           // default review date
  std::string file;     // named in the confirmation question
  bool confirm = true;  // ask before finishing (off for --dry-run)
  /// Whether the file's actions can be re-pointed or dropped (see
  /// actions_editable()); when not, removing a cause an action names is refused.
  bool actions_editable = true;
  /// Extra lines shown with the summary (e.g. what `validate` would say).
  std::function<std::vector<std::string>(const ReviewResult&)> preview;
};

/// Walks the taxonomy as a checklist for case `c`: every top-level category's
/// question, the children of those answered yes or unsure, confidence,
/// evidence and owner of each cause found, what led to each (refusing
/// cycles), what to do with each action whose cause was removed (re-point
/// or drop it; a script cannot say, so it fails), the attendees, then a summary and a confirmation. `back` undoes
/// the last answer. Never writes anything: the caller applies a confirmed result.
ReviewResult run_review(const Case& c, const Taxonomy& taxonomy, Prompt& prompt, const ReviewOptions& options);

/// The case's causes as the review starts from them (aliases resolved;
/// unknown and duplicate codes marked `as_is`).
std::vector<ReviewedCause> initial_causes(const Case& c, const Taxonomy& taxonomy);

/// Whether `cause` says something different from the case's cause it came from.
bool cause_changed(const ReviewedCause& cause, const Cause& original);

/// Whether the result's `reviewed:` block differs from the case's.
bool review_changed(const Case& c, const ReviewResult& result);

/// One line per change the result makes to the case ("+ added ...", "- removed ...", "~ ...").
std::vector<std::string> describe_changes(const Case& c, const Taxonomy& taxonomy, const ReviewResult& result);

/// The codes on the path `from` -> ... -> `to` along "led to" links (A -> B when B
/// is caused_by A), or empty when there is none.
std::vector<std::string> find_link_path(const std::vector<ReviewedCause>& causes, const std::string& from,
                                        const std::string& to);

/// When giving `code` the links `caused_by` would close a cycle, that cycle
/// written "a -> b -> a"; empty otherwise.
std::string cycle_if_linked(const std::vector<ReviewedCause>& causes, const std::string& code,
                            const std::vector<std::string>& caused_by);

}  // namespace esc
