// The steps after the walk: links between causes, attendees, date, and the
// summary with its confirmation (see review_session_impl.hpp).
#include <set>

#include <fmt/format.h>

#include "esc/model/suggest.hpp"
#include "review_session_impl.hpp"

namespace esc::review_detail {

Flow Session::walk_end() {
  std::vector<Step> steps;
  std::size_t known = 0;
  for (const auto& r : m_state.causes) known += r.as_is ? 0 : 1;
  if (known >= 2)
    for (const auto& r : m_state.causes)
      if (!r.as_is && m_state.touched.count(r.code)) steps.push_back({StepKind::links, r.code});
  // Actions that named a cause the case cited and the review removed.
  std::set<std::string> before, now;
  for (const auto& cause : m_case.causes) {
    const TaxonomyEntry* e = m_taxonomy.resolve(cause.code.value);
    before.insert(e ? e->code : cause.code.value);
  }
  for (const auto& r : m_state.causes) now.insert(r.code);
  for (std::size_t i = 0; i < m_case.actions.size(); ++i) {
    const std::string& named = m_case.actions[i].cause.value;
    if (named.empty()) continue;
    const TaxonomyEntry* e = m_taxonomy.resolve(named);
    std::string code = e ? e->code : named;
    if (before.count(code) && !now.count(code)) steps.push_back({StepKind::action, std::to_string(i)});
  }
  steps.push_back({StepKind::attendees, ""});
  steps.push_back({StepKind::date, ""});
  steps.push_back({StepKind::confirm, ""});
  insert_steps(steps);
  return Flow::pass;
}

Flow Session::action(const std::string& index) {
  std::size_t i = std::stoul(index);
  const Action& a = m_case.actions[i];
  Question q;
  q.kind = QuestionKind::action;
  q.section = "Actions";
  q.title =
      fmt::format("line {}: action \"{}\" names {}, which this review removes", a.mark.line, a.action, a.cause.value);
  q.text = "Point it at another cause (number or code), or - to drop the action";
  q.help = "a number or code re-points it, - drops the action, < goes back";
  std::vector<std::string> candidates;
  for (const auto& r : m_state.causes)
    if (!r.as_is) {
      candidates.push_back(r.code);
      q.options.push_back(fmt::format("{}  {}", r.code, entry(r.code).title));
    }
  // What a script, which cannot answer this, fails with.
  m_last_problem = fmt::format(
      "the action \"{}\" (line {}) names {}, which these answers remove; keep the cause, or re-point or drop the "
      "action in the file first",
      a.action, a.mark.line, a.cause.value);
  if (!m_options.actions_editable)
    q.text =
        "The actions block is not a plain block list, so review cannot edit it: go back (<) and keep the "
        "cause, or quit and edit the action by hand";
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  if (!m_options.actions_editable) return refuse("review cannot edit this file's actions block (flow style)");
  m_last_problem.clear();
  if (answer->kind == Answer::Kind::clear) {
    m_state.action_fixes[i] = "";
    return flow;
  }
  std::string word = answer->kind == Answer::Kind::text ? trimmed(answer->text) : "";
  if (word.empty()) return refuse("choose a cause for the action, or - to drop it");
  std::string code;
  if (std::size_t n = option_number(word, candidates.size())) {
    code = candidates[n - 1];
  } else {
    const TaxonomyEntry* e = m_taxonomy.resolve(word);
    code = e ? e->code : word;
  }
  if (std::find(candidates.begin(), candidates.end(), code) == candidates.end()) {
    std::string hint = did_you_mean(word, candidates);
    return refuse(fmt::format("`{}` is not a cause found in this case{}", word, hint.empty() ? "" : "; " + hint));
  }
  m_state.action_fixes[i] = code;
  return flow;
}

Flow Session::links(const std::string& code) {
  ReviewedCause* r = cited(code);
  if (!r) return Flow::pass;
  Question q;
  q.kind = QuestionKind::caused_by;
  q.code = code;
  bool first_link = m_state.steps[m_state.next - 1].kind != StepKind::links;
  if (first_link) q.section = "What led to what?";
  q.title = fmt::format("{}: {}", code, entry(code).title);
  q.text = fmt::format("What led to {}? Numbers or codes of the causes found, separated by spaces", code);
  q.help = "Enter keeps the current links, - for none (a root cause), < goes back";
  std::vector<std::string> candidates;
  for (const auto& other : m_state.causes)
    if (!other.as_is && other.code != code) {
      candidates.push_back(other.code);
      q.options.push_back(fmt::format("{}  {}", other.code, entry(other.code).title));
    }
  q.default_text = join(r->caused_by);
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  if (answer->kind == Answer::Kind::keep) return flow;
  std::vector<std::string> links;
  for (const auto& word : answer->kind == Answer::Kind::text ? split_words(answer->text) : std::vector<std::string>{}) {
    std::string link;
    if (std::size_t n = option_number(word, candidates.size())) {
      link = candidates[n - 1];
    } else {
      const TaxonomyEntry* target = m_taxonomy.resolve(word);
      link = target ? target->code : word;
      if (link == code) return refuse(fmt::format("{} cannot lead to itself", code));
      if (std::find(candidates.begin(), candidates.end(), link) == candidates.end()) {
        std::string hint = did_you_mean(word, candidates);
        return refuse(fmt::format("`{}` is not a cause found in this case{}", word, hint.empty() ? "" : "; " + hint));
      }
    }
    if (std::find(links.begin(), links.end(), link) == links.end()) links.push_back(link);
  }
  std::string cycle = cycle_if_linked(m_state.causes, code, links);
  if (!cycle.empty()) return refuse(fmt::format("that would close a cycle: {}", cycle));
  r->caused_by = links;
  return flow;
}

Flow Session::attendees() {
  Question q;
  q.kind = QuestionKind::attendees;
  q.title = "Who is in the room?";
  q.text = "Departments at this review: numbers or ids, separated by spaces";
  q.help = "Enter keeps the current list, - clears it, < goes back";
  const auto& departments = m_taxonomy.departments();
  for (const auto& d : departments) q.options.push_back(fmt::format("{}  {}", d.id, d.title));
  q.default_text = join(m_state.attendees);
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  if (answer->kind != Answer::Kind::keep) {
    std::vector<std::string> ids;
    for (const auto& word :
         answer->kind == Answer::Kind::text ? split_words(answer->text) : std::vector<std::string>{}) {
      std::string id = word;
      if (std::size_t n = option_number(word, departments.size())) id = departments[n - 1].id;
      if (!m_taxonomy.find_department(id)) {
        std::string hint = did_you_mean(id, m_taxonomy.department_ids());
        return refuse(fmt::format("unknown department `{}`{}", id, hint.empty() ? "" : "; " + hint));
      }
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    m_state.attendees = ids;
  }
  m_state.has_review = m_state.has_review || !m_state.attendees.empty();
  if (m_state.attendees.empty()) return flow;
  for (const auto& r : m_state.causes) {
    if (r.as_is) continue;
    std::string owner = owner_of(r);
    if (std::find(m_state.attendees.begin(), m_state.attendees.end(), owner) == m_state.attendees.end())
      m_prompt.tell(Tone::warning, fmt::format("{} owns {} but is not in the room (owner-absent)", owner, r.code));
  }
  return flow;
}

Flow Session::date() {
  if (!m_state.has_review) return Flow::pass;
  Question q;
  q.kind = QuestionKind::date;
  q.text = "Date of the review meeting (YYYY-MM-DD)?";
  q.help = "Enter keeps the date shown, < goes back";
  q.default_text = m_state.date.empty() ? m_options.today.to_string() : m_state.date;
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  std::string value = answer->kind == Answer::Kind::text ? trimmed(answer->text) : q.default_text;
  if (!Date::parse(value)) return refuse(fmt::format("`{}` is not a date; write YYYY-MM-DD", value));
  m_state.date = value;
  return flow;
}

Flow Session::confirm() {
  m_result.causes = m_state.causes;
  m_result.has_review = m_state.has_review;
  m_result.review_date = m_state.date;
  m_result.attendees = m_state.attendees;
  m_result.action_fixes.clear();
  for (const auto& [index, cause] : m_state.action_fixes) m_result.action_fixes.push_back({index, cause});
  m_result.changes = describe_changes(m_case, m_taxonomy, m_result);
  Flow flow = Flow::stop;
  if (m_result.changes.empty()) {
    m_prompt.tell(Tone::plain, fmt::format("No changes: {} stays as it is.", m_options.file));
    m_result.outcome = ReviewResult::Outcome::confirmed;
    return flow;
  }
  m_prompt.tell(Tone::heading, fmt::format("Changes to {}", m_options.file));
  for (const auto& line : m_result.changes) m_prompt.tell(Tone::plain, "  " + line);
  if (m_options.preview)
    for (const auto& line : m_options.preview(m_result)) m_prompt.tell(Tone::warning, line);
  if (!m_options.confirm) {
    m_result.outcome = ReviewResult::Outcome::confirmed;
    return flow;
  }
  Question q;
  q.kind = QuestionKind::confirm;
  q.text = fmt::format("Write these changes to {}?", m_options.file);
  q.keys = "ynbq";
  q.help = "y write  n leave the file as it is  b back  q quit";
  auto answer = ask(q, flow);
  if (!answer) return flow;
  m_result.outcome = answer->kind == Answer::Kind::key && answer->key == 'y' ? ReviewResult::Outcome::confirmed
                                                                             : ReviewResult::Outcome::declined;
  return Flow::stop;
}

}  // namespace esc::review_detail
