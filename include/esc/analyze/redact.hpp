#pragma once
#include <string>

#include "esc/analyze/account_view.hpp"
#include "esc/analyze/report.hpp"

namespace esc {

/// The pseudonym of an account id before collision handling: "Account-"
/// and 4 base32 characters of the FNV-1a hash of the id (and `attempt`).
std::string account_pseudonym(const std::string& account_id, unsigned attempt = 0);

/// `report --redact` (SPEC 6): replaces every account id and name in the
/// report with a stable pseudonym (same account, same pseudonym; collisions
/// are resolved deterministically), clears account names, and in case
/// titles and ids replaces each account's id, name and the words of its name
/// (3+ letters, whole words, any case). Sets `report.redacted`.
void redact_report(Report& report);

/// `report --account ID --redact`: redacts `view` with the pseudonyms of
/// `report` (the whole set's, not yet redacted): the account's id, its name
/// cleared, and its words in case ids, titles and action texts; then
/// redacts `report` itself.
void redact_report(Report& report, AccountView& view);

}  // namespace esc
