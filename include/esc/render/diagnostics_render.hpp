#pragma once
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "esc/model/diagnostic.hpp"
#include "esc/render/xml_escape.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// Counts for the closing summary of `validate`.
struct ValidationSummary {
  std::size_t files = 0;
  std::size_t cases = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t suppressed = 0;             // findings silenced by suppression comments
  std::size_t ignored = 0;                // files skipped by the config's ignore patterns
  std::vector<std::string> skipped = {};  // files of walked folders skipped for their extension
};

/// Returns the text of a 1-based source line of a file (empty if unknown).
using LineLookup = std::function<std::string(const std::string& file, std::uint32_t line)>;

/// `path:line:col: error: message [rule]`, the source line with a caret
/// under the column, and the suggestion, for each diagnostic.
void render_diagnostics_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const Style& style,
                             const LineLookup& lines);

/// One line: "2 errors and 1 warning in 18 files (21 cases)", naming
/// suppressed findings and ignored files when there are any, after a note
/// naming the files skipped for their extension (the first ten).
void render_summary_text(std::ostream& out, const ValidationSummary& summary, const Style& style);

/// `{"schema": ..., "diagnostics": [...], "summary": {...}}`, pretty-printed.
void render_diagnostics_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                             const ValidationSummary& summary);

/// A path as the machine formats show it: relative to the folder `base`
/// (absolute) with forward slashes when the file lies under it, otherwise as
/// given. Standard input stays `<stdin>`.
std::string display_path(const std::string& path, const std::string& base);

/// A SARIF `artifactLocation.uri` for `path`: percent-encoded and relative to
/// `base` when under it (`relative` is then set), else an absolute file URI;
/// standard input is the relative reference `stdin` (not under `base`).
std::string artifact_uri(const std::string& path, const std::string& base, bool& relative);

/// SARIF 2.1.0 as GitHub code scanning reads it: every rule of rule_catalog()
/// in `tool.driver` (with `helpUri` man:esc-autopsy-validate(1)), one result
/// per diagnostic with a repo-relative location (`uriBaseId` %SRCROOT%, the
/// folder `base`) and a `partialFingerprints` entry `escAutopsyFinding/v1`
/// from its rule, file and message (not its line).
void render_diagnostics_sarif(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const std::string& base);

/// JUnit XML valid against Jenkins xunit's junit-10.xsd: a <testsuite> per
/// file in `files` (and per other file a diagnostic names) named by its path,
/// a <testcase> per finding (name "RULE at LINE:COL", classname the path)
/// holding a <failure> for an error (and for a warning when `warnings_fail`),
/// else a <system-out>; a file without findings is one passing test case
/// "valid", an `ignored` file one skipped test case. Paths relative to `base`.
void render_diagnostics_junit(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                              const std::vector<std::string>& files, const std::vector<std::string>& ignored,
                              bool warnings_fail, const std::string& base);

/// GitHub shows at most this many error (and as many warning) annotations per step.
inline constexpr std::size_t k_github_annotation_limit = 10;

/// GitHub Actions workflow commands, one per diagnostic:
/// `::error file=F,line=L,col=C,title=RULE::message`, paths relative to `base`,
/// user text escaped (escape_text); then a `::notice` with the totals when
/// either kind exceeds k_github_annotation_limit.
void render_diagnostics_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const std::string& base);

/// Workflow-command escaping of a message: `%`, CR and LF.
std::string escape_github_data(std::string_view text);
/// Workflow-command escaping of a property value: `%`, CR, LF, `:` and `,`.
std::string escape_github_property(std::string_view text);


}  // namespace esc
