// Rules that look across cases: duplicate ids and inconsistent accounts.
#include <unordered_map>

#include <fmt/format.h>

#include "esc/model/rule_catalog.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {

Diagnostic make(std::string_view rule, const std::string& file, SourceMark mark, std::string message, int index,
                std::string suggestion = "") {
  return {find_rule(rule)->default_severity, std::string(rule), file, mark, std::move(message),
          std::move(suggestion), index};
}

std::string place(const CaseSet& set, const Case& c, SourceMark mark) {
  return fmt::format("{}:{}:{}", set.files[c.file_index].path, mark.line, mark.column);
}

}  // namespace

void check_case_set(const CaseSet& set, std::vector<Diagnostic>& out) {
  std::unordered_map<std::string, std::size_t> first_by_id;
  std::unordered_map<std::string, std::size_t> first_by_field;  // "account\nfield" -> case
  for (std::size_t i = 0; i < set.cases.size(); ++i) {
    const Case& c = set.cases[i];
    const std::string& file = set.files[c.file_index].path;
    int index = static_cast<int>(i);
    if (!c.id.value.empty()) {
      auto [it, inserted] = first_by_id.emplace(c.id.value, i);
      if (!inserted) {
        const Case& first = set.cases[it->second];
        out.push_back(make("duplicate-id", file, c.id.mark,
                           fmt::format("case id `{}` is already used at {}", c.id.value, place(set, first, first.id.mark)),
                           index, "give each case its own id"));
      }
    }
    if (c.account.id.value.empty()) continue;
    // The first case stating each field is the reference for that field.
    auto compare = [&](const Located& mine, const char* field) {
      if (mine.value.empty()) return;
      auto [it, inserted] = first_by_field.emplace(c.account.id.value + '\n' + field, i);
      if (inserted) return;
      const Case& first = set.cases[it->second];
      const Located& theirs = std::string(field) == "name" ? first.account.name : first.account.segment;
      if (mine.value == theirs.value) return;
      out.push_back(make("account-mismatch", file, mine.mark,
                         fmt::format("account `{}` has {} `{}` here but `{}` at {}", c.account.id.value, field,
                                     mine.value, theirs.value, place(set, first, theirs.mark)),
                         index, "use one spelling per account, or check the account id"));
    };
    compare(c.account.name, "name");
    compare(c.account.segment, "segment");
  }
}

std::vector<Diagnostic> validate_case_set(CaseSet& set, const Taxonomy& taxonomy, const ValidationPolicy& policy) {
  std::vector<Diagnostic> all = std::move(set.diagnostics);
  set.diagnostics.clear();
  for (std::size_t i = 0; i < set.cases.size(); ++i)
    check_case(set.cases[i], static_cast<int>(i), set.files[set.cases[i].file_index].path, taxonomy, all);
  check_case_set(set, all);
  std::vector<Diagnostic> kept;
  kept.reserve(all.size());
  for (auto& d : all) {
    auto it = policy.severities.find(d.rule);
    if (it != policy.severities.end()) d.severity = it->second;
    if (d.severity == Severity::off) continue;
    if (d.severity == Severity::error && d.case_index >= 0)
      set.cases[static_cast<std::size_t>(d.case_index)].has_errors = true;
    kept.push_back(std::move(d));
  }
  sort_diagnostics(kept);
  return kept;
}

}  // namespace esc
