// Rules that look across cases (duplicate ids, inconsistent accounts), and
// the policy: severity overrides and suppression comments.
#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "esc/model/rule_catalog.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {

Diagnostic make(std::string_view rule, const std::string& file, SourceMark mark, std::string message, int index,
                std::string suggestion = "") {
  return {find_rule(rule)->default_severity,
          std::string(rule),
          file,
          mark,
          std::move(message),
          std::move(suggestion),
          index};
}

std::string place(const CaseSet& set, const Case& c, SourceMark mark) {
  return fmt::format("{}:{}:{}", set.files[c.file_index].path, mark.line, mark.column);
}

// Matches findings against the suppression comments of their files and
// remembers which rule of which comment silenced something.
class SuppressionFilter {
 public:
  explicit SuppressionFilter(const CaseSet& set) : m_set(set) {
    for (std::size_t i = 0; i < set.files.size(); ++i) {
      if (set.files[i].suppressions.empty()) continue;
      m_by_file.emplace(set.files[i].path, i);
      auto& used = m_used[i];
      for (const auto& s : set.files[i].suppressions) used.emplace_back(s.rules.size(), false);
    }
  }

  /// True if a comment silences `d` (and records that it was used).
  bool silences(const Diagnostic& d) {
    auto file = m_by_file.find(d.file);
    if (file == m_by_file.end()) return false;
    const auto& suppressions = m_set.files[file->second].suppressions;
    bool silenced = false;
    for (std::size_t s = 0; s < suppressions.size(); ++s) {
      const Suppression& sup = suppressions[s];
      if (!sup.file_wide && !(d.mark.valid() && d.mark.line == sup.line)) continue;
      for (std::size_t r = 0; r < sup.rules.size(); ++r)
        if (sup.rules[r].value == d.rule) silenced = m_used[file->second][s][r] = true;
    }
    return silenced;
  }

  /// `unused-suppression` for each rule of a comment that silenced nothing.
  std::vector<Diagnostic> unused() const {
    std::vector<Diagnostic> out;
    for (const auto& [index, used] : m_used) {
      const LoadedFile& file = m_set.files[index];
      for (std::size_t s = 0; s < used.size(); ++s)
        for (std::size_t r = 0; r < used[s].size(); ++r) {
          if (used[s][r]) continue;
          const Suppression& sup = file.suppressions[s];
          std::string where = sup.file_wide ? "in this file" : sup.line ? fmt::format("on line {}", sup.line) : "";
          out.push_back(make("unused-suppression", file.path, sup.rules[r].mark,
                             fmt::format("the suppression of `{}` silences nothing{}", sup.rules[r].value,
                                         where.empty() ? "" : " " + where),
                             -1, "remove it, or move it to the line of the finding (or the line above)"));
        }
    }
    return out;
  }

 private:
  const CaseSet& m_set;
  std::unordered_map<std::string, std::size_t> m_by_file;
  std::map<std::size_t, std::vector<std::vector<bool>>> m_used;  // file -> comment -> rule
};

}  // namespace

namespace {

const Located& account_field(const Case& c, bool name) {
  return name ? c.account.name : c.account.segment;
}

// For each "account\nfield", each spelling with how many cases use it and the
// first of them, in order of first appearance.
struct Spelling {
  std::string value;
  std::size_t count = 0;
  std::size_t first = 0;  // case index
};
using Spellings = std::unordered_map<std::string, std::vector<Spelling>>;

Spellings count_spellings(const CaseSet& set) {
  Spellings spellings;
  for (std::size_t i = 0; i < set.cases.size(); ++i) {
    const Case& c = set.cases[i];
    if (c.account.id.value.empty()) continue;
    for (bool name : {true, false}) {
      const Located& mine = account_field(c, name);
      if (mine.value.empty()) continue;
      auto& list = spellings[c.account.id.value + (name ? "\nname" : "\nsegment")];
      auto it = std::find_if(list.begin(), list.end(), [&](const Spelling& s) { return s.value == mine.value; });
      if (it == list.end())
        list.push_back({mine.value, 1, i});
      else
        ++it->count;
    }
  }
  return spellings;
}

// The spelling most cases use; on a tie the one seen first.
const Spelling& usual(const std::vector<Spelling>& list) {
  const Spelling* best = &list.front();
  for (const auto& s : list)
    if (s.count > best->count) best = &s;
  return *best;
}

}  // namespace

void check_case_set(const CaseSet& set, std::vector<Diagnostic>& out) {
  std::unordered_map<std::string, std::size_t> first_by_id;
  Spellings spellings = count_spellings(set);
  for (std::size_t i = 0; i < set.cases.size(); ++i) {
    const Case& c = set.cases[i];
    const std::string& file = set.files[c.file_index].path;
    int index = static_cast<int>(i);
    if (!c.id.value.empty()) {
      auto [it, inserted] = first_by_id.emplace(c.id.value, i);
      if (!inserted) {
        const Case& first = set.cases[it->second];
        out.push_back(
            make("duplicate-id", file, c.id.mark,
                 fmt::format("case id `{}` is already used at {}", c.id.value, place(set, first, first.id.mark)), index,
                 "give each case its own id"));
      }
    }
    if (c.account.id.value.empty()) continue;
    // The spelling most cases use is the reference: the odd one out is flagged,
    // not every case that follows an odd first one.
    for (bool name : {true, false}) {
      const Located& mine = account_field(c, name);
      if (mine.value.empty()) continue;
      const char* field = name ? "name" : "segment";
      const auto& list = spellings.at(c.account.id.value + '\n' + field);
      const Spelling& reference = usual(list);
      if (mine.value == reference.value) continue;
      const Case& other = set.cases[reference.first];
      std::string how_many =
          reference.count > 1 ? fmt::format(" (as {} cases write it)", reference.count) : std::string();
      out.push_back(
          make("account-mismatch", file, mine.mark,
               fmt::format("account `{}` has {} `{}` here but `{}` at {}{}", c.account.id.value, field, mine.value,
                           reference.value, place(set, other, account_field(other, name).mark), how_many),
               index, fmt::format("write `{}`, or check the account id", reference.value)));
    }
  }
}

std::vector<Diagnostic> validate_case_set(CaseSet& set, const Taxonomy& taxonomy, const ValidationPolicy& policy,
                                          std::vector<Diagnostic>* suppressed) {
  std::vector<Diagnostic> all = std::move(set.diagnostics);
  set.diagnostics.clear();
  if (!set.cases_checked) check_cases(set, taxonomy, all);
  check_case_set(set, all);
  auto apply_severity = [&](Diagnostic& d) {
    const RuleInfo* rule = find_rule(d.rule);
    if (rule && !rule->configurable) return;  // I/O problems fail the run whatever the policy says
    auto it = policy.severities.find(d.rule);
    if (it != policy.severities.end()) d.severity = it->second;
  };
  SuppressionFilter filter(set);
  std::vector<Diagnostic> kept;
  kept.reserve(all.size());
  for (auto& d : all) {
    apply_severity(d);
    // A rule turned off still "uses" its suppressions: they are not reported as unused.
    const RuleInfo* rule = find_rule(d.rule);
    bool silenced = (!rule || rule->configurable) && filter.silences(d);
    if (d.severity == Severity::off) continue;
    if (silenced) {
      if (suppressed) suppressed->push_back(std::move(d));
      continue;
    }
    if (d.severity == Severity::error && d.case_index >= 0)
      set.cases[static_cast<std::size_t>(d.case_index)].has_errors = true;
    kept.push_back(std::move(d));
  }
  for (auto& d : filter.unused()) {
    apply_severity(d);
    if (d.severity != Severity::off) kept.push_back(std::move(d));
  }
  sort_diagnostics(kept);
  if (suppressed) sort_diagnostics(*suppressed);
  return kept;
}

}  // namespace esc
