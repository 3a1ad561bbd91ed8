#pragma once
// `esc-autopsy import`: rows of CSV exports → cases → case files.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "esc/load/csv_reader.hpp"
#include "esc/load/import_map.hpp"
#include "esc/load/limits.hpp"
#include "esc/model/date.hpp"
#include "esc/model/diagnostic.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// What an --accounts file says about one account ("" when it says nothing).
struct AccountInfo {
  std::string name, segment, region, arr;
};
using AccountTable = std::map<std::string, AccountInfo>;

/// A case as the export describes it; every value already checked.
struct ImportedCase {
  std::string id;
  std::string title;
  std::string account_id, account_name, account_segment, account_region, account_arr;
  Date opened;
  std::optional<Date> closed;
  std::string outcome;   // an outcome word, or "" when the export says nothing
  std::string severity;  // sev1..sev4, or ""
  std::string summary;
  std::vector<std::string> tags;
  std::vector<std::string> causes;         // canonical taxonomy codes
  std::vector<std::string> cause_sources;  // the export value each cause came from
  std::string source;                      // "export.csv:12" (the first row)
};

/// The accounts of an --accounts CSV, by id (columns named by the map's
/// `accounts:`). Bad rows are reported (`import-map`, `import-value`).
AccountTable read_account_table(const CsvTable& table, const ImportMap& map, std::vector<Diagnostic>& out);

/// Checks that the map's value maps lead to outcome words, sev1..sev4 and
/// codes of `taxonomy`; reports `import-map` at the map's entries. False on errors.
bool check_map_values(const ImportMap& map, const Taxonomy& taxonomy, std::vector<Diagnostic>& out);

/// The cases of the rows of `tables`, in order of first appearance. Rows
/// that share an id (after `id_prefix`) become one case: the first row's
/// values, the earliest `opened`, the latest `closed`, every tag and cause.
/// A row with a bad value is reported (`import-value`, at the row and the
/// column) and left out; a table without a required column is reported
/// (`import-map`) and left out. `accounts` may be null.
std::vector<ImportedCase> build_imported_cases(const std::vector<CsvTable>& tables, const ImportMap& map,
                                               const Taxonomy& taxonomy, const AccountTable* accounts,
                                               std::vector<Diagnostic>& out);

/// The outcome an imported case is written with: a case without causes that
/// the export closes stays `open` (its autopsy is pending); otherwise the export's.
std::string written_outcome(const ImportedCase& c, bool has_causes);

/// The text of a new case file for `c` (one YAML document; validates with
/// no error).
std::string render_imported_case(const ImportedCase& c);

/// What import does with one case's file.
struct ImportPlanEntry {
  enum class Action { create, update, unchanged, skip };
  Action action = Action::create;
  std::string id;
  std::string path;
  std::string original;              // the file's bytes as read (update)
  std::string content;               // the new bytes (create, update)
  std::vector<std::string> changes;  // "outcome: open -> retained" (update)
  std::string reason;                // why it is skipped
};

/// "created", "updated", "unchanged" or "skipped".
const char* to_string(ImportPlanEntry::Action action);

/// Plans the file `path` for `c`: create it when absent; else update only
/// the blocks the import owns (account, opened, closed, outcome, severity's
/// claimed value) with the block editor, keeping every other byte; skip it
/// (with an `import-file` finding) when it cannot be edited safely.
ImportPlanEntry plan_case_file(const ImportedCase& c, const std::string& path, const LoadLimits& limits,
                               std::vector<Diagnostic>& out);

}  // namespace esc
