// The walk over the taxonomy: one method per step (see review_session_impl.hpp).
#include <cctype>

#include <fmt/format.h>

#include "esc/model/suggest.hpp"
#include "review_session_impl.hpp"

namespace esc::review_detail {
namespace {

const char* const k_presence_keys = "ynusbq";
const char* const k_presence_help = "y yes  n no  u unsure  s skip (leave as is)  b back  q quit  ? help";
const char* const k_text_help = "Enter keeps the current value, - clears it, < goes back";

char confidence_key(Confidence c) {
  return c == Confidence::confirmed ? 'c' : c == Confidence::likely ? 'l' : 's';
}

}  // namespace

Flow Session::perform(const Step& step) {
  switch (step.kind) {
    case StepKind::presence:
      return presence(step.code);
    case StepKind::confidence:
      return confidence(step.code);
    case StepKind::evidence:
      return text_field(step.code, QuestionKind::evidence);
    case StepKind::owner:
      return text_field(step.code, QuestionKind::owner);
    case StepKind::category_end:
      return category_end(step.code);
    case StepKind::walk_end:
      return walk_end();
    case StepKind::links:
      return links(step.code);
    case StepKind::action:
      return action(step.code);
    case StepKind::attendees:
      return attendees();
    case StepKind::date:
      return date();
    case StepKind::confirm:
      return confirm();
  }
  return Flow::pass;
}

Flow Session::presence(const std::string& code) {
  const TaxonomyEntry& e = entry(code);
  Question q;
  q.kind = QuestionKind::presence;
  q.code = code;
  q.depth = depth_of(e);
  ReviewedCause* now = cited(code);
  std::string state = now                            ? fmt::format(" [cited: {}]", to_string(now->confidence))
                      : any_cited_under(code, false) ? " [causes under it cited]"
                                                     : "";
  if (q.depth == 0) {
    std::size_t index = 0, count = 0;
    for (const auto& other : m_taxonomy.entries()) {
      if (other.parent >= 0) continue;
      ++count;
      if (other.code == code) index = count;
    }
    q.title = fmt::format("[{}/{}] {} ({}, owner {}){}", index, count, e.title, e.code, e.owner, state);
  } else {
    q.title = fmt::format("{}: {}{}", e.code, e.title, state);
  }
  q.text = e.question.empty() ? fmt::format("Was \"{}\" a cause here?", e.title) : e.question;
  q.keys = k_presence_keys;
  q.default_key = any_cited_under(code, true) ? 'y' : 'n';
  q.help = k_presence_help;
  bool category = !e.children.empty();
  std::string children;
  for (int child : e.children) children += "\n    " + m_taxonomy.entries()[static_cast<std::size_t>(child)].code;
  q.details = fmt::format(
      "{} ({}), owned by {}.{}\n"
      "  y  yes: it contributed; {}\n"
      "  n  no: it did not; removes it{} if the case cites it\n"
      "  u  unsure: {}\n"
      "  s  skip: leave it as it is now and ask nothing more about it\n"
      "  b  back: undo the previous answer\n"
      "  q  quit: leave without writing anything\n"
      "  Enter: the answer in capitals",
      e.title, e.code, e.owner, category ? "\n  Its causes:" + children : "",
      category ? "walk its causes one by one" : "record it, then its confidence, evidence and owner",
      category ? " and its causes" : "", category ? "walk its causes to find out" : "record it as suspected");
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  char key = answer->kind == Answer::Kind::key ? answer->key : q.default_key;
  // A yes nobody gave (a script left the default) walks the causes but never records the category itself.
  m_state.presence[code] = answer->kind == Answer::Kind::key ? key : static_cast<char>(std::toupper(key));
  if (key == 'n') {
    remove_with_descendants(code);
  } else if (key == 'y' || key == 'u') {
    if (category) {
      std::vector<Step> steps;
      for (int child : e.children)
        steps.push_back({StepKind::presence, m_taxonomy.entries()[static_cast<std::size_t>(child)].code});
      steps.push_back({StepKind::category_end, code});
      insert_steps(steps);
    } else {
      ReviewedCause& r = cite(code);
      m_state.touched.insert(code);
      r.unsure = key == 'u';
      if (r.unsure) {
        r.confidence = Confidence::suspected;
        insert_steps({{StepKind::evidence, code}, {StepKind::owner, code}});
      } else {
        insert_steps({{StepKind::confidence, code}, {StepKind::evidence, code}, {StepKind::owner, code}});
      }
    }
  }
  return flow;
}

Flow Session::confidence(const std::string& code) {
  ReviewedCause* r = cited(code);
  if (!r) return Flow::pass;
  Question q;
  q.kind = QuestionKind::confidence;
  q.code = code;
  q.depth = depth_of(entry(code));
  q.text = fmt::format("How sure are we that {} contributed?", code);
  q.keys = "clsbq";
  q.default_key = confidence_key(r->confidence);
  q.help = "c confirmed (evidence in hand)  l likely  s suspected  b back  q quit";
  q.details =
      "  c  confirmed: shown by evidence (a ticket, a PRD, a CRM record)\n"
      "  l  likely: the people in the room agree, evidence still to find\n"
      "  s  suspected: a hypothesis to check";
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  char key = answer->kind == Answer::Kind::key ? answer->key : q.default_key;
  r->confidence = key == 'c' ? Confidence::confirmed : key == 'l' ? Confidence::likely : Confidence::suspected;
  return flow;
}

Flow Session::text_field(const std::string& code, QuestionKind kind) {
  ReviewedCause* r = cited(code);
  if (!r) return Flow::pass;
  const TaxonomyEntry& e = entry(code);
  Question q;
  q.kind = kind;
  q.code = code;
  q.depth = depth_of(e);
  q.help = k_text_help;
  if (kind == QuestionKind::evidence) {
    q.text = fmt::format("Evidence for {}? (ticket, PRD, CRM record, document)", code);
    q.default_text = r->evidence;
  } else {
    q.text = fmt::format("Which department owns {}? (the taxonomy says {})", code, e.owner);
    q.default_text = owner_of(*r);
    std::string ids;
    for (const auto& d : m_taxonomy.departments()) ids += fmt::format("\n  {}  {}", d.id, d.title);
    q.details = "The department that owns this cause, one of:" + ids;
  }
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  std::string value = answer->kind == Answer::Kind::text    ? trimmed(answer->text)
                      : answer->kind == Answer::Kind::clear ? ""
                                                            : q.default_text;
  if (kind == QuestionKind::evidence) {
    r->evidence = value;
    if (r->confidence == Confidence::confirmed && value.empty())
      m_prompt.tell(Tone::warning, fmt::format("{} is confirmed without evidence (validate warns: no-evidence)", code));
    return flow;
  }
  if (value.empty() || value == e.owner) {
    if (r->owner != e.owner) r->owner.clear();  // the taxonomy's owner; keep an explicit one as written
    return flow;
  }
  if (!m_taxonomy.find_department(value)) {
    std::string hint = did_you_mean(value, m_taxonomy.department_ids());
    return refuse(fmt::format("unknown department `{}`{}", value, hint.empty() ? "" : "; " + hint));
  }
  r->owner = value;
  return flow;
}

Flow Session::category_end(const std::string& code) {
  if (any_cited_under(code, false) || m_state.presence[code] != 'y') return Flow::pass;
  // An explicit yes to the category, no to each of its causes: record the category itself.
  m_prompt.tell(Tone::plain, fmt::format("No cause under {} was found: recording {} itself.", code, code));
  cite(code);
  m_state.touched.insert(code);
  insert_steps({{StepKind::confidence, code}, {StepKind::evidence, code}, {StepKind::owner, code}});
  return Flow::pass;
}

}  // namespace esc::review_detail
