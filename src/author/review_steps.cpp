// One method per step of the review session (see review_session_impl.hpp).
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

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

std::string join(const std::vector<std::string>& words, const char* separator = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

std::string trimmed(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// A 1-based number among `count` options, or 0.
std::size_t option_number(const std::string& word, std::size_t count) {
  if (word.empty() || word.size() > 4 || word.find_first_not_of("0123456789") != std::string::npos) return 0;
  std::size_t n = std::stoul(word);
  return n >= 1 && n <= count ? n : 0;
}

}  // namespace

Flow Session::perform(const Step& step) {
  switch (step.kind) {
    case StepKind::presence: return presence(step.code);
    case StepKind::confidence: return confidence(step.code);
    case StepKind::evidence: return text_field(step.code, QuestionKind::evidence);
    case StepKind::owner: return text_field(step.code, QuestionKind::owner);
    case StepKind::category_end: return category_end(step.code);
    case StepKind::walk_end: return walk_end();
    case StepKind::links: return links(step.code);
    case StepKind::attendees: return attendees();
    case StepKind::date: return date();
    case StepKind::confirm: return confirm();
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
  std::string state = now ? fmt::format(" [cited: {}]", to_string(now->confidence))
                          : any_cited_under(code, false) ? " [causes under it cited]" : "";
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
  m_state.presence[code] = key;
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
  q.details = "  c  confirmed: shown by evidence (a ticket, a PRD, a CRM record)\n"
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
    q.options = m_taxonomy.department_ids();
  }
  Flow flow;
  auto answer = ask(q, flow);
  if (!answer) return flow;
  std::string value = answer->kind == Answer::Kind::text ? trimmed(answer->text)
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
  // Yes to the category, no to each of its causes: record the category itself.
  m_prompt.tell(Tone::plain, fmt::format("No cause under {} was found: recording {} itself.", code, code));
  cite(code);
  m_state.touched.insert(code);
  insert_steps({{StepKind::confidence, code}, {StepKind::evidence, code}, {StepKind::owner, code}});
  return Flow::pass;
}

Flow Session::walk_end() {
  std::vector<Step> steps;
  std::size_t known = 0;
  for (const auto& r : m_state.causes) known += r.as_is ? 0 : 1;
  if (known >= 2)
    for (const auto& r : m_state.causes)
      if (!r.as_is && m_state.touched.count(r.code)) steps.push_back({StepKind::links, r.code});
  steps.push_back({StepKind::attendees, ""});
  steps.push_back({StepKind::date, ""});
  steps.push_back({StepKind::confirm, ""});
  insert_steps(steps);
  return Flow::pass;
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
  if (!cycle.empty()) return refuse(fmt::format("refused: that would close a cycle ({})", cycle));
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
    for (const auto& word : answer->kind == Answer::Kind::text ? split_words(answer->text) : std::vector<std::string>{}) {
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
  m_result.outcome = answer->kind == Answer::Kind::key && answer->key == 'y' ? ReviewResult::Outcome::confirmed : ReviewResult::Outcome::declined;
  return Flow::stop;
}

}  // namespace esc::review_detail
