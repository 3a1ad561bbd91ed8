#pragma once
#include <stdexcept>
#include <string>

#include "esc/load/case_loader.hpp"
#include "esc/model/taxonomy.hpp"
#include "esc/render/style.hpp"

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

/// Parses a byte size such as "16MiB", "512k", "2M" or "1048576".
bool parse_byte_size(const std::string& text, std::size_t& out);

/// The taxonomy chosen by --taxonomy (or the built-in one). A broken file
/// prints its diagnostics to stderr and throws CliError.
const Taxonomy& active_taxonomy(const GlobalOptions& globals);

/// Loader settings from the global options.
LoadOptions load_options(const GlobalOptions& globals);

/// Valid cases for analysis: loaded, validated, those with errors left out.
struct AnalysisInput {
  CaseSet set;
  std::vector<const Case*> cases;  // without errors
  std::size_t skipped = 0;         // with errors
};

/// Loads and validates `paths` for `report` and `graph`; prints a one-line
/// pointer to `validate` on stderr when cases were left out. Throws CliError
/// (exit 2) when an input could not be read at all.
AnalysisInput load_for_analysis(const std::vector<std::string>& paths, const GlobalOptions& globals);

/// The terminal width for tables: $COLUMNS, the terminal's, or 100.
std::size_t terminal_width();

/// The colour mode from --color; throws CliError on a bad value.
ColorMode color_mode(const GlobalOptions& globals);

}  // namespace esc
