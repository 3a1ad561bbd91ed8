#pragma once
#include <stdexcept>
#include <string>

#include "esc/load/case_loader.hpp"
#include "esc/model/config.hpp"
#include "esc/model/taxonomy.hpp"
#include "esc/render/style.hpp"
#include "esc/validate/validator.hpp"

namespace esc {

/// A fatal problem with how the tool was called or configured: main prints
/// the message and exits with `exit_code` (2 for usage and I/O problems).
struct CliError : std::runtime_error {
  CliError(const std::string& message, int code = 2) : std::runtime_error(message), exit_code(code) {}
  int exit_code;
};

/// Options every command accepts (SPEC 6, "Global").
struct GlobalOptions {
  std::string taxonomy_path;
  std::string config_path;
  std::string color = "auto";
  std::string max_file_size;
  bool quiet = false;
  unsigned jobs = 0;
};

/// The config file in force: --config FILE, else the nearest
/// `.esc-autopsy.yaml` upward from the working directory, else an empty
/// Config. Read once. A file with errors (or a missing --config file) prints
/// its diagnostics to stderr and throws CliError (exit 2); warnings stay in
/// `Config::diagnostics` for the command to show.
const Config& active_config(const GlobalOptions& globals);

/// The taxonomy chosen by --taxonomy, else the config file's `taxonomy`, else
/// the built-in one. A broken file prints its diagnostics to stderr and
/// throws CliError.
const Taxonomy& active_taxonomy(const GlobalOptions& globals);

/// Loader settings: command-line options over the config file over defaults.
LoadOptions load_options(const GlobalOptions& globals);
/// load_options() that also runs the per-case rules of the active taxonomy in
/// the loading threads and keeps only `keep` of each case: validate keeps
/// identity, report and graph keep analysis (memory per case, see bench/).
LoadOptions checked_load_options(const GlobalOptions& globals, CaseDetail keep);

/// The rule severities of the config file.
ValidationPolicy validation_policy(const GlobalOptions& globals);

/// Prints diagnostics about files other than case files (config, taxonomy)
/// to stderr as text.
void print_diagnostics_to_stderr(std::vector<Diagnostic> diagnostics, const GlobalOptions& globals);

/// Valid cases for analysis: loaded, validated, those with errors left out.
struct AnalysisInput {
  CaseSet set;
  std::vector<const CaseDigest*> cases;  // of the cases without errors
  std::size_t skipped = 0;               // with errors
  std::size_t unreadable_files = 0;      // files with a file-level error (nothing or not all of it read)
};

/// Loads and validates `paths` for `report` and `graph`; prints a one-line
/// pointer to `validate` on stderr when cases were left out, and a warning
/// when the paths hold no case file at all. Throws CliError
/// (exit 2) when an input could not be read at all.
AnalysisInput load_for_analysis(const std::vector<std::string>& paths, const GlobalOptions& globals);

/// The terminal width for tables: $COLUMNS, the terminal's, or 100.
std::size_t terminal_width();

/// The colour mode from --color; throws CliError on a bad value.
ColorMode color_mode(const GlobalOptions& globals);

}  // namespace esc
