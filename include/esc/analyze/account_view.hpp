#pragma once
#include <optional>
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/model/case_digest.hpp"
#include "esc/model/string_pool.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// One cause of an escalation, as the account view lists it.
struct AccountCause {
  std::string code;  // canonical
  Confidence confidence = Confidence::suspected;
};

/// One action of an escalation. The digest keeps the words of open actions
/// only; the cli reads the others again from the account's files.
struct AccountAction {
  std::string text, owner, cause;  // cause: canonical code, "" when it names none
  std::optional<Date> due, done;
  ActionStatus status = ActionStatus::open;
  bool overdue = false;  // open and due before --as-of
};

/// One escalation of the account, column by column.
struct AccountEscalation {
  std::string id, title;
  std::size_t file_index = 0, document = 0;  // where the case was read (Case::file_index, Case::document)
  std::optional<Date> opened, closed;
  std::optional<Outcome> outcome;
  std::optional<int> severity_claimed, severity_assessed;
  std::vector<AccountCause> causes;              // in file order
  std::vector<std::vector<std::string>> chains;  // root -> ... -> symptom paths of 2+ codes
  std::vector<AccountAction> actions;            // in file order
};

/// One cause the account hit, with the company-wide verdict on its fix.
struct AccountCauseFix {
  std::string code;
  std::size_t escalations = 0;      // of this account's escalations citing it
  std::optional<Date> first, last;  // opened dates of the first and last of them
  std::optional<FixStat> fix;       // from the whole set's report; nullopt: no fix recorded
  std::size_t here_after_fix = 0;   // this account's escalations citing it opened after the fix
};

/// `report --account ID`: one account's escalations side by side, with the
/// statistics that need many cases (fix verdicts) taken from the whole set.
struct AccountView {
  std::string id, name, segment;
  double arr = 0;
  std::optional<Outcome> outcome;
  bool third_strike = false;                    // 3+ escalations
  std::vector<AccountEscalation> escalations;   // by (opened, id)
  std::vector<AccountCauseFix> causes;          // every cause hit: most escalations first, then code
  std::size_t set_cases = 0, set_accounts = 0;  // the set the verdicts come from
  AnalysisOptions options;                      // the set's filters (no --account) and --as-of
  bool redacted = false;
};

/// The view of `account_id` from the digests `cases` (as given to analyze())
/// and `whole`, the report analyze() made of them with `whole.options`
/// (which must not filter on accounts). nullopt when no case of the account
/// passes those options. Deterministic.
std::optional<AccountView> account_view(const Report& whole, const std::vector<const CaseDigest*>& cases,
                                        const StringPool& strings, const Taxonomy& taxonomy,
                                        const std::string& account_id);

}  // namespace esc
