#pragma once
#include <map>
#include <string>
#include <vector>

#include "esc/load/case_loader.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// How findings are judged: per-rule severity overrides (from the config file).
struct ValidationPolicy {
  std::map<std::string, Severity, std::less<>> severities;
};

/// Checks one case against the taxonomy (every per-case rule of SPEC 4),
/// appending findings to `out`.
void check_case(const Case& c, int case_index, const std::string& file, const Taxonomy& taxonomy,
                std::vector<Diagnostic>& out);

/// check_case() for every case of `set`, on up to 4 threads for large sets;
/// the findings are appended in case order, as from one thread.
void check_cases(const CaseSet& set, const Taxonomy& taxonomy, std::vector<Diagnostic>& out);

/// Checks rules that span cases (`duplicate-id`, `account-mismatch`).
void check_case_set(const CaseSet& set, std::vector<Diagnostic>& out);

/// Runs every rule over a loaded set (the per-case rules only if the loader
/// has not run them already: CaseSet::cases_checked), applies the policy, then the files'
/// suppression comments (a finding silenced by one goes to `suppressed` when
/// given; a suppressed rule that silenced nothing is `unused-suppression`),
/// sorts the findings and marks each case that has an error
/// (`Case::has_errors`). Returns the findings (load-time ones included).
std::vector<Diagnostic> validate_case_set(CaseSet& set, const Taxonomy& taxonomy, const ValidationPolicy& policy,
                                          std::vector<Diagnostic>* suppressed = nullptr);

}  // namespace esc
