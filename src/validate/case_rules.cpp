// The per-case rules of SPEC 4 that need the taxonomy or several fields.
#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "esc/model/rule_catalog.hpp"
#include "esc/model/suggest.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {

class CaseChecker {
 public:
  CaseChecker(const Case& c, int index, const std::string& file, const Taxonomy& taxonomy, std::vector<Diagnostic>& out)
      : m_case(c), m_index(index), m_file(file), m_taxonomy(taxonomy), m_out(out) {}

  void run() {
    check_dates();
    check_causes();
    check_links();
    check_departments();
    check_actions();
    check_review();
  }

 private:
  void report(std::string_view rule, SourceMark mark, std::string message, std::string suggestion = "") {
    const RuleInfo* info = find_rule(rule);
    m_out.push_back({info ? info->default_severity : Severity::error, std::string(rule), m_file, mark,
                     std::move(message), std::move(suggestion), m_index});
  }

  void check_dates() {
    const Case& c = m_case;
    if (c.opened && c.closed && *c.closed < *c.opened)
      report("date-order", c.closed_mark,
             fmt::format("closed {} is before opened {}", c.closed->to_string(), c.opened->to_string()));
    std::optional<Date> previous;
    for (const auto& entry : c.timeline) {
      if (!entry.date) continue;
      if (previous && *entry.date < *previous)
        report("timeline-order", entry.date_mark,
               fmt::format("timeline entry {} comes after {}", entry.date->to_string(), previous->to_string()),
               "keep the timeline in ascending date order");
      else
        previous = entry.date;
    }
  }

  void check_causes() {
    const Case& c = m_case;
    if (c.causes.empty()) {
      if (c.is_open())
        report("autopsy-pending",
               c.outcome_mark.valid() ? c.outcome_mark
               : c.id.mark.valid()    ? c.id.mark
                                      : c.mark,
               "open case without causes: the autopsy is still to be done", "run `esc-autopsy review` on this file");
      else
        report("missing-field", c.mark, "a closed case needs `causes`", "add `causes:`, or run `esc-autopsy review`");
    }
    std::map<std::string, SourceMark> seen;
    for (const auto& cause : c.causes) {
      const std::string& code = cause.code.value;
      if (code.empty()) continue;
      const TaxonomyEntry* entry = m_taxonomy.resolve(code);
      if (!entry) {
        m_unknown.insert(code);
        report("unknown-cause", cause.code.mark, fmt::format("unknown cause code `{}`", code),
               did_you_mean(code, m_taxonomy.codes()));
        continue;
      }
      if (entry->code != code)
        report("deprecated-code", cause.code.mark,
               fmt::format("`{}` is a deprecated code; it now is `{}`", code, entry->code),
               fmt::format("write `{}`", entry->code));
      auto [it, inserted] = seen.emplace(entry->code, cause.code.mark);
      if (!inserted)
        report("duplicate-cause", cause.code.mark,
               fmt::format("cause `{}` is cited twice in this case (first at line {})", entry->code, it->second.line),
               "merge the two entries");
      if (cause.confidence == Confidence::confirmed && cause.evidence.empty())
        report("no-evidence", cause.code.mark, fmt::format("cause `{}` is confirmed but has no evidence", code),
               "add `evidence:` (ticket, PRD, CRM record), or lower the confidence");
      m_codes.insert(entry->code);
    }
  }

  std::string canonical(const std::string& code) const {
    const TaxonomyEntry* entry = m_taxonomy.resolve(code);
    return entry ? entry->code : code;
  }

  void check_links() {
    const Case& c = m_case;
    std::vector<std::string> cited(m_codes.begin(), m_codes.end());
    // Edges A -> B for "B caused_by A", by canonical code.
    std::map<std::string, std::vector<std::pair<std::string, SourceMark>>> led_to;
    for (const auto& cause : c.causes) {
      if (!m_taxonomy.resolve(cause.code.value)) continue;
      std::string to = canonical(cause.code.value);
      for (const auto& link : cause.caused_by) {
        std::string from = canonical(link.value);
        if (m_unknown.count(link.value)) continue;  // cited, but unknown: `unknown-cause` says so once
        if (!m_codes.count(from)) {
          report("dangling-link", link.mark,
                 fmt::format("`{}` is not a cause of this case; caused_by must name causes cited here", link.value),
                 did_you_mean(link.value, cited));
          continue;
        }
        led_to[from].push_back({to, link.mark});
      }
    }
    // Depth-first search with colours; a back edge closes a cycle.
    std::map<std::string, int> colour;  // 0 new, 1 on the path, 2 done
    std::set<std::string> reported;
    std::vector<std::string> path;
    std::function<void(const std::string&)> visit = [&](const std::string& node) {
      colour[node] = 1;
      path.push_back(node);
      for (const auto& [next, mark] : led_to[node]) {
        if (colour[next] == 1) {
          auto start = std::find(path.begin(), path.end(), next);
          std::string cycle;
          for (auto it = start; it != path.end(); ++it) cycle += *it + " -> ";
          cycle += next;
          if (reported.insert(cycle).second)
            report("causal-cycle", mark, fmt::format("caused_by links form a cycle: {}", cycle),
                   "within one case, causes must lead from roots to symptoms");
        } else if (colour[next] == 0) {
          visit(next);
        }
      }
      path.pop_back();
      colour[node] = 2;
    };
    for (const auto& code : m_codes)
      if (colour[code] == 0) visit(code);
  }

  void check_department(const Located& id, std::string_view where) {
    if (id.value.empty() || m_taxonomy.find_department(id.value)) return;
    report("unknown-department", id.mark, fmt::format("unknown department `{}` in {}", id.value, where),
           did_you_mean(id.value, m_taxonomy.department_ids()));
  }

  void check_departments() {
    for (const auto& cause : m_case.causes) check_department(cause.owner, "the cause's owner");
    for (const auto& entry : m_case.timeline) check_department(entry.source, "the timeline source");
    for (const auto& action : m_case.actions) check_department(action.owner, "the action's owner");
    if (m_case.reviewed)
      for (const auto& attendee : m_case.reviewed->attendees) check_department(attendee, "the review attendees");
  }

  void check_actions() {
    const Case& c = m_case;
    if (c.closed && c.actions.empty())
      report("no-actions", c.closed_mark, "closed case without follow-up actions",
             "add `actions:` so the fix is tracked");
    std::vector<std::string> cited(m_codes.begin(), m_codes.end());
    for (const auto& action : c.actions)
      if (!action.cause.value.empty() && !m_codes.count(canonical(action.cause.value)) &&
          !m_unknown.count(action.cause.value))
        report("dangling-link", action.cause.mark,
               fmt::format("action names cause `{}`, which this case does not cite", action.cause.value),
               did_you_mean(action.cause.value, cited));
  }

  void check_review() {
    const Case& c = m_case;
    if (!c.reviewed || c.reviewed->attendees.empty()) return;
    std::set<std::string> present;
    for (const auto& attendee : c.reviewed->attendees) present.insert(attendee.value);
    for (const auto& cause : c.causes) {
      const TaxonomyEntry* entry = m_taxonomy.resolve(cause.code.value);
      if (!entry) continue;
      const std::string& owner = cause.owner.value.empty() ? entry->owner : cause.owner.value;
      if (!present.count(owner))
        report("owner-absent", cause.code.mark,
               fmt::format("`{}` owns cause `{}` but was not in the review", owner, entry->code),
               fmt::format("add `{}` to reviewed.attendees, or review again with them", owner));
    }
  }

  const Case& m_case;
  int m_index;
  const std::string& m_file;
  const Taxonomy& m_taxonomy;
  std::vector<Diagnostic>& m_out;
  std::set<std::string> m_codes;    // canonical codes cited in the case
  std::set<std::string> m_unknown;  // cited codes the taxonomy does not know (each is `unknown-cause`)
};

}  // namespace

void check_case(const Case& c, int case_index, const std::string& file, const Taxonomy& taxonomy,
                std::vector<Diagnostic>& out) {
  CaseChecker(c, case_index, file, taxonomy, out).run();
}

void check_cases(const CaseSet& set, const Taxonomy& taxonomy, std::vector<Diagnostic>& out) {
  auto check_range = [&](std::size_t begin, std::size_t end, std::vector<Diagnostic>& into) {
    for (std::size_t i = begin; i < end; ++i)
      check_case(set.cases[i], static_cast<int>(i), set.files[set.cases[i].file_index].path, taxonomy, into);
  };
  std::size_t n = set.cases.size();
  unsigned workers = n < 4096 ? 1u : std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
  if (workers == 1) {
    check_range(0, n, out);
    return;
  }
  // Contiguous ranges, joined in order: the findings come out exactly as
  // from one thread.
  std::vector<std::vector<Diagnostic>> parts(workers);
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w)
    threads.emplace_back([&, w] { check_range(n * w / workers, n * (w + 1) / workers, parts[w]); });
  check_range(0, n / workers, out);
  for (auto& thread : threads) thread.join();
  for (auto& part : parts) std::move(part.begin(), part.end(), std::back_inserter(out));
}

}  // namespace esc
