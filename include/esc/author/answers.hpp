#pragma once
// `review --answers FILE`: the same walk, answered from a YAML file.
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "esc/author/prompt.hpp"
#include "esc/load/source_text.hpp"
#include "esc/model/case.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// What an answers file says about one code; unset fields keep the case's value.
struct CauseAnswer {
  char answer = 0;  // 'y', 'n', 'u' or 's'; 0 when not stated (yes if anything else is stated)
  std::optional<Confidence> confidence;
  std::optional<std::string> evidence;
  std::optional<std::string> owner;
  std::optional<std::vector<std::string>> caused_by;
  SourceMark mark;
};

/// A whole answers file: `code: answer` or `code: {answer, confidence,
/// evidence, owner, caused_by}` entries, and `reviewed: {date, attendees}`.
struct ReviewAnswers {
  std::map<std::string, CauseAnswer> causes;  // by canonical code
  std::optional<std::string> date;
  std::optional<std::vector<std::string>> attendees;
};

/// Parses an answers file, checking codes (aliases resolved, did-you-mean for
/// unknown ones), keys, answers and confidences. Returns nullopt when an
/// error was reported into `out`.
std::optional<ReviewAnswers> parse_review_answers(const SourceText& source, const Taxonomy& taxonomy,
                                                  std::vector<Diagnostic>& out);

/// Answers the review's questions from a ReviewAnswers: a stated value, or
/// the question's default. After the session refuses an answer it aborts, so
/// a bad script fails instead of looping. Messages go to `out` when given.
class ScriptedPrompt : public Prompt {
 public:
  ScriptedPrompt(const ReviewAnswers& answers, std::ostream* out) : m_answers(answers), m_out(out) {}

  void tell(Tone tone, const std::string& text) override;
  Answer ask(const Question& question) override;

  /// The codes the answers file says something about (other than no or skip)
  /// that no question asked about, in order.
  std::vector<std::string> unused() const;

 private:
  const CauseAnswer* find(const std::string& code) const;

  const ReviewAnswers& m_answers;
  std::ostream* m_out;
  std::set<std::string> m_used;
  bool m_refused = false;
};

}  // namespace esc
