#pragma once
// The review session talks to people (terminal), scripts (--answers) and
// unit tests through this interface, so all three share the session's logic.
#include <string>
#include <vector>

namespace esc {

/// What a question is about; scripted drivers answer by (kind, code).
enum class QuestionKind { presence, confidence, evidence, owner, caused_by, action, attendees, date, confirm };

/// One question of the review. A key question (non-empty `keys`) is answered
/// with one key; a text question with a line.
struct Question {
  QuestionKind kind = QuestionKind::presence;
  std::string code;                  // the taxonomy code asked about; empty for case-level questions
  std::string section;               // a heading shown before the question (may be empty)
  std::string title;                 // what the question is about, shown above it (may be empty)
  std::string text;                  // the question itself
  std::string keys;                  // allowed keys, e.g. "ynusbq"; empty for a text question
  char default_key = 0;              // the key Enter stands for; 0 when there is none
  std::string default_text;          // a text question's current value, kept on Enter
  std::string help;                  // a short line shown with the question
  std::string details;               // longer help, shown on `?`
  std::vector<std::string> options;  // numbered choices shown with a text question
  int depth = 0;                     // 0 for categories and case-level questions, 1 for causes under them
};

/// A reply. `keep` takes the question's default; `clear` empties a text value.
struct Answer {
  enum class Kind { key, text, keep, clear, back, end_of_input, interrupt, abort };
  Kind kind = Kind::keep;
  char key = 0;
  std::string text;
  int signal = 0;  // for `interrupt`: the signal number (2 for Ctrl-C)

  /// An answer of a kind that carries nothing else.
  static Answer of(Kind kind) {
    Answer a;
    a.kind = kind;
    return a;
  }
  /// A key answer.
  static Answer with_key(char key) {
    Answer a = of(Kind::key);
    a.key = key;
    return a;
  }
  /// A text answer.
  static Answer with_text(std::string text) {
    Answer a = of(Kind::text);
    a.text = std::move(text);
    return a;
  }
};

/// How a message is meant: plain information, a section heading, a warning
/// the user may act on, or a problem that made the session refuse an answer.
enum class Tone { plain, heading, warning, problem };

/// The two-way channel of a review session.
class Prompt {
 public:
  virtual ~Prompt() = default;
  /// Shows one message (it may span lines).
  virtual void tell(Tone tone, const std::string& text) = 0;
  /// Asks one question and returns the reply; never returns a key outside `question.keys`.
  virtual Answer ask(const Question& question) = 0;
};

}  // namespace esc
