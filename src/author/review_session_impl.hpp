#pragma once
// Internal to the author layer: the review session's state machine, shared by
// review_session.cpp (the loop) and review_steps.cpp (one method per step).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "esc/author/review_session.hpp"

namespace esc::review_detail {

enum class StepKind {
  presence,
  confidence,
  evidence,
  owner,
  category_end,
  walk_end,
  links,
  action,
  attendees,
  date,
  confirm
};

struct Step {
  StepKind kind;
  std::string code;
};

struct State {
  std::vector<Step> steps;
  std::size_t next = 0;
  std::vector<ReviewedCause> causes;
  std::map<std::string, char> presence;  // the answer given for each code
  std::set<std::string> touched;         // causes answered yes or unsure in this session
  bool has_review = false;
  std::string date;
  std::vector<std::string> attendees;
  std::map<std::size_t, std::string> action_fixes;  // action index -> new cause; empty: drop
};

// What a step did: move on (after an answer), stay (re-ask after a refused
// answer), go back one answer, or end the session.
enum class Flow { advance, pass, stay, back, stop };

class Session {
 public:
  Session(const Case& c, const Taxonomy& taxonomy, Prompt& prompt, const ReviewOptions& options)
      : m_case(c), m_taxonomy(taxonomy), m_prompt(prompt), m_options(options) {}

  /// Runs the steps until the session ends.
  ReviewResult run();

 private:
  // --- helpers over the state ---------------------------------------------------
  const TaxonomyEntry& entry(const std::string& code) const { return *m_taxonomy.find(code); }
  bool is_under(const std::string& code, const std::string& ancestor) const {
    return code.size() > ancestor.size() && code.compare(0, ancestor.size() + 1, ancestor + ".") == 0;
  }
  ReviewedCause* cited(const std::string& code) {
    for (auto& r : m_state.causes)
      if (!r.as_is && r.code == code) return &r;
    return nullptr;
  }
  bool any_cited_under(const std::string& code, bool include_self) const {
    return std::any_of(m_state.causes.begin(), m_state.causes.end(), [&](const ReviewedCause& r) {
      return !r.as_is && (is_under(r.code, code) || (include_self && r.code == code));
    });
  }
  ReviewedCause& cite(const std::string& code) {
    if (ReviewedCause* r = cited(code)) return *r;
    ReviewedCause r;
    r.code = code;
    m_state.causes.push_back(r);
    return m_state.causes.back();
  }
  void remove_with_descendants(const std::string& code) {
    std::set<std::string> removed;
    auto& causes = m_state.causes;
    for (const auto& r : causes)
      if (!r.as_is && (r.code == code || is_under(r.code, code))) removed.insert(r.code);
    causes.erase(std::remove_if(causes.begin(), causes.end(),
                                [&](const ReviewedCause& r) { return !r.as_is && removed.count(r.code); }),
                 causes.end());
    for (auto& r : causes) {
      if (r.as_is) continue;
      auto& links = r.caused_by;
      links.erase(std::remove_if(links.begin(), links.end(), [&](const std::string& l) { return removed.count(l); }),
                  links.end());
    }
  }
  void insert_steps(const std::vector<Step>& steps) {
    m_state.steps.insert(m_state.steps.begin() + static_cast<std::ptrdiff_t>(m_state.next + 1), steps.begin(),
                         steps.end());
  }
  int depth_of(const TaxonomyEntry& e) const {
    int depth = 0;
    for (int p = e.parent; p >= 0; p = m_taxonomy.entries()[static_cast<std::size_t>(p)].parent) ++depth;
    return depth;
  }
  std::string owner_of(const ReviewedCause& r) const { return r.owner.empty() ? entry(r.code).owner : r.owner; }

  // Asks and handles the flow answers common to every question.
  std::optional<Answer> ask(const Question& q, Flow& flow) {
    Answer a = m_prompt.ask(q);
    switch (a.kind) {
      case Answer::Kind::back:
        flow = Flow::back;
        return std::nullopt;
      case Answer::Kind::end_of_input:
        return finish(ReviewResult::Outcome::end_of_input, flow);
      case Answer::Kind::interrupt:
        m_result.signal = a.signal ? a.signal : 2;
        return finish(ReviewResult::Outcome::interrupted, flow);
      case Answer::Kind::abort:
        m_result.problem = m_last_problem.empty() ? "the answers ran out" : m_last_problem;
        return finish(ReviewResult::Outcome::failed, flow);
      case Answer::Kind::key:
        if (a.key == 'b') {
          flow = Flow::back;
          return std::nullopt;
        }
        if (a.key == 'q') {
          Answer sure = m_answered == 0 ? Answer::with_key('y') : confirm_quit();
          if (sure.kind == Answer::Kind::interrupt) {
            m_result.signal = sure.signal ? sure.signal : 2;
            return finish(ReviewResult::Outcome::interrupted, flow);
          }
          if (sure.kind != Answer::Kind::key || sure.key == 'y') return finish(ReviewResult::Outcome::quit, flow);
          flow = Flow::stay;  // ask the question again
          return std::nullopt;
        }
        break;
      default:
        break;
    }
    flow = Flow::advance;
    return a;
  }
  std::optional<Answer> finish(ReviewResult::Outcome outcome, Flow& flow) {
    m_result.outcome = outcome;
    flow = Flow::stop;
    return std::nullopt;
  }
  // After answers were given, q asks before throwing them away.
  Answer confirm_quit() {
    Question q;
    q.kind = QuestionKind::confirm;
    q.text = fmt::format("Quit without writing? The {} answer{} given so far will be lost", m_answered,
                         m_answered == 1 ? "" : "s");
    q.keys = "yn";
    q.default_key = 'n';
    q.help = "y quit and write nothing  n go on with the review";
    return m_prompt.ask(q);  // y, n; end of input quits as asked
  }
  Flow refuse(const std::string& problem) {
    m_last_problem = problem;
    m_prompt.tell(Tone::problem, problem);
    return Flow::stay;
  }

  Flow perform(const Step& step);
  Flow presence(const std::string& code);
  Flow confidence(const std::string& code);
  Flow text_field(const std::string& code, QuestionKind kind);
  Flow category_end(const std::string& code);
  Flow walk_end();
  Flow links(const std::string& code);
  Flow action(const std::string& index);
  Flow attendees();
  Flow date();
  Flow confirm();

  const Case& m_case;
  const Taxonomy& m_taxonomy;
  Prompt& m_prompt;
  const ReviewOptions& m_options;
  State m_state;
  ReviewResult m_result;
  std::string m_last_problem;
  std::size_t m_answered = 0;  // answers given and not undone
};

// Small text helpers shared by the step files.
inline std::vector<std::string> split_words(const std::string& text) {
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

inline std::string join(const std::vector<std::string>& words, const char* separator = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

inline std::string trimmed(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// A 1-based number among `count` options, or 0.
inline std::size_t option_number(const std::string& word, std::size_t count) {
  if (word.empty() || word.size() > 4 || word.find_first_not_of("0123456789") != std::string::npos) return 0;
  std::size_t n = std::stoul(word);
  return n >= 1 && n <= count ? n : 0;
}

}  // namespace esc::review_detail
