// The review session: a queue of steps walked by a small state machine. Each
// answered question snapshots the state first, so `back` restores it exactly.
#include <fmt/format.h>

#include "review_session_impl.hpp"

namespace esc {
namespace review_detail {

ReviewResult Session::run() {
  m_state.causes = initial_causes(m_case, m_taxonomy);
  for (const auto& r : m_state.causes)
    if (r.as_is)
      m_prompt.tell(Tone::warning,
                    fmt::format("line {}: `{}` is not in the taxonomy or is cited twice; review leaves it as it is",
                                m_case.causes[static_cast<std::size_t>(r.original)].code.mark.line, r.code));
  if (m_case.reviewed) {
    m_state.has_review = true;
    m_state.date = m_case.reviewed->date ? m_case.reviewed->date->to_string() : "";
    for (const auto& a : m_case.reviewed->attendees) m_state.attendees.push_back(a.value);
  }
  for (const auto& e : m_taxonomy.entries())
    if (e.parent < 0) m_state.steps.push_back({StepKind::presence, e.code});
  m_state.steps.push_back({StepKind::walk_end, ""});
  std::vector<State> history;  // the state before each answered question
  while (m_state.next < m_state.steps.size()) {
    m_answered = history.size();
    State before = m_state;
    Flow flow = perform(m_state.steps[m_state.next]);
    if (flow == Flow::stop) return m_result;
    if (flow == Flow::pass) {
      ++m_state.next;
    } else if (flow == Flow::advance) {
      history.push_back(std::move(before));
      ++m_state.next;
    } else if (flow == Flow::back) {
      if (history.empty()) {
        m_state = std::move(before);
        m_prompt.tell(Tone::plain, "(this is the first question)");
      } else {
        m_state = std::move(history.back());
        history.pop_back();
      }
    } else {
      m_state = std::move(before);  // stay: the refused answer changed nothing
    }
  }
  m_result.outcome = ReviewResult::Outcome::confirmed;
  return m_result;
}

}  // namespace review_detail

ReviewResult run_review(const Case& c, const Taxonomy& taxonomy, Prompt& prompt, const ReviewOptions& options) {
  return review_detail::Session(c, taxonomy, prompt, options).run();
}

}  // namespace esc
