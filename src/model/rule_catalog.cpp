#include "esc/model/rule_catalog.hpp"

#include <algorithm>

namespace esc {

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> rules = {
      {"yaml-syntax", Severity::error, "The file is not well-formed YAML.",
       "Fix the YAML at the position shown; a `: ` inside an unquoted value is the usual cause (quote the value)."},
      {"duplicate-key", Severity::error, "A mapping states the same key twice.",
       "Keep one of the two keys; YAML readers disagree about which one wins."},
      {"missing-field", Severity::error, "A required field is absent or empty.",
       "Add the field named in the message (id, title, account.id, opened; causes once a case is closed)."},
      {"wrong-type", Severity::error, "A value has the wrong shape (mapping, list, text or number).",
       "Write the value in the shape the format expects, e.g. a list as [a, b] and an amount as a plain number."},
      {"bad-date", Severity::error, "A date is not a real calendar date written YYYY-MM-DD.",
       "Write dates as YYYY-MM-DD with a day that exists, e.g. 2024-03-02."},
      {"date-order", Severity::error, "A case was closed before it was opened.",
       "Check the `opened` and `closed` dates; `closed` may not be before `opened`."},
      {"bad-enum", Severity::error, "A value is not one of the allowed words.",
       "Use one of the words listed in the message; the suggestion names the closest one."},
      {"unknown-cause", Severity::error, "A cause code is not in the taxonomy.",
       "Cite a code from `esc-autopsy taxonomy show`, or add the cause to your taxonomy file."},
      {"duplicate-id", Severity::error, "Two cases share one id.",
       "Give each case its own id; the message names the place where the id was first used."},
      {"duplicate-cause", Severity::error, "A case cites the same cause code twice.",
       "Merge the two entries into one cause with the combined evidence."},
      {"dangling-link", Severity::error, "caused_by names a code that the case does not cite.",
       "caused_by and action.cause must name causes listed in the same case; add the cause or fix the code."},
      {"causal-cycle", Severity::error, "The caused_by links of a case form a cycle.",
       "Within one case, causes lead from roots to symptoms; remove the link that closes the loop."},
      {"unknown-department", Severity::error, "A department id is not in the taxonomy.",
       "Use a department id from the taxonomy (sales, engineering, support, ...), or add it to your taxonomy."},
      {"bad-code", Severity::error, "A taxonomy code is malformed or not under its parent.",
       "Taxonomy codes are dotted lower-case segments, and a child's code starts with its parent's code and a dot."},
      {"bad-encoding", Severity::error,
       "The file is not UTF-8 text (an error), or holds invisible bidi controls (a warning per line).",
       "Save the file as UTF-8 without control characters, and delete bidi controls (U+202A..U+202E, "
       "U+2066..U+2069): they make a line display in another order than it is read."},
      {"input-limit", Severity::error, "The file exceeds a safety limit (size, nesting, aliases, documents).",
       "Split the file or simplify it; YAML aliases are not allowed. Limits can be raised in the config file."},
      {"io-error", Severity::error, "A path could not be read (missing, unreadable, dangling link, loop).",
       "Check that the path exists and is readable; links that dangle or loop are not followed.", false},
      {"no-case-files", Severity::error, "The paths given hold no case file: the run would check nothing.",
       "Name the folder or files holding the cases (*.yaml, *.yml); pass --allow-empty if an empty set is expected.",
       false},
      {"empty-file", Severity::warning, "A case file is empty or holds only comments.",
       "Write a case in the file (`esc-autopsy new` starts one), or delete it."},
      {"misspelled-key", Severity::error, "A key is one slip away from a key of the format (`confidance`).",
       "Spell the key as the message says: until then its value is ignored, which would lose it silently."},
      {"csv-syntax", Severity::error, "A CSV export breaks RFC 4180 quoting or holds a NUL byte (import).",
       "Quote fields that hold the delimiter, quotes or line breaks, double quotes inside them, and close every "
       "quote; the record named is left out, the others are imported."},
      {"import-map", Severity::error, "An import map (or the export's header) does not fit together (import).",
       "Fix the map at the position shown: every column it names must be in the export's header line; start "
       "from `esc-autopsy import --print-map PRESET`."},
      {"import-value", Severity::error, "A value of an export row cannot become part of a case (import).",
       "Add the value to the map's `values:` (the suggestion names the closest one), or fix the row; the row is "
       "left out and the others are imported."},
      {"import-file", Severity::error, "An existing case file cannot be updated by import.",
       "Fix the case file so `esc-autopsy validate` accepts it (or move it away), then import again."},
      {"csv-encoding", Severity::warning, "A CSV export is not UTF-8 and was converted (import).",
       "Export as UTF-8 CSV; UTF-16 and Windows-1252/Latin-1 files are converted, which is right unless the "
       "file was in another code page."},
      {"unknown-key", Severity::warning, "A key is not part of the format (and not one slip from a key that is).",
       "Fix the spelling (the suggestion names the closest key) or remove the key."},
      {"no-evidence", Severity::warning, "A confirmed cause has no evidence.",
       "Add `evidence:` (a ticket, PRD or CRM record), or lower the confidence to likely or suspected."},
      {"no-actions", Severity::warning, "A closed case has no follow-up actions.",
       "Add `actions:` with an owner for each fix, so the fix is tracked."},
      {"owner-absent", Severity::warning, "The department owning a cause was not in the review.",
       "Add the owning department to reviewed.attendees, or review the case again with them."},
      {"autopsy-pending", Severity::warning, "An open case has no causes yet.",
       "Run the autopsy (`esc-autopsy review FILE`) and record the causes."},
      {"timeline-order", Severity::warning, "Timeline entries are not in ascending date order.",
       "Keep the timeline in ascending date order."},
      {"account-mismatch", Severity::warning, "One account id appears with different names or segments.",
       "The spelling most cases use is the reference: write that one everywhere, or check the account id."},
      {"deprecated-code", Severity::warning, "A cause code is a deprecated alias of another code.",
       "Write the new code named in the message."},
      {"unused-suppression", Severity::warning, "A suppression comment silences nothing.",
       "Remove the `# esc-autopsy: disable=...` comment, or move it to the line of the finding."},
      {"bad-suppression", Severity::warning,
       "A suppression comment is malformed, names no known rule or gives no reason.",
       "Write `# esc-autopsy: disable=RULE -- reason` (or disable-file=); the reason after ` -- ` is required."},
  };
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& rules = rule_catalog();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const auto& rule : rule_catalog()) ids.emplace_back(rule.id);
  return ids;
}

}  // namespace esc
