#pragma once
#include <termios.h>
#include <csignal>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "esc/author/prompt.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// The review's conversation with a person. When `input_fd` is a terminal,
/// key questions read one key in raw mode (termios, no echo) and text
/// questions a line through a small raw-mode line editor; otherwise every answer is
/// a line, so it works through pipes. No line-editing library. Ctrl-C, a
/// SIGINT/SIGTERM/SIGHUP or end of input end the session; the terminal's
/// settings are restored on every path (the destructor restores the signal
/// handlers too).
class TerminalPrompt : public Prompt {
 public:
  TerminalPrompt(int input_fd, std::ostream& out, const Style& style);
  ~TerminalPrompt() override;
  TerminalPrompt(const TerminalPrompt&) = delete;
  TerminalPrompt& operator=(const TerminalPrompt&) = delete;

  /// Prints a message, styled by tone.
  void tell(Tone tone, const std::string& text) override;
  /// Asks until it has an answer allowed by the question.
  Answer ask(const Question& question) override;

 private:
  // A byte, or k_end (end of input) or k_signal (a signal arrived).
  static constexpr int k_end = -1;
  static constexpr int k_signal = -2;
  int read_byte();
  // A line without its line break; nullopt at end of input or on a signal (m_stopped says which).
  std::optional<std::string> read_line();
  // A line typed on the terminal, edited in raw mode, which the caller has set
  // (Left/Right/Home/End move
  // the cursor, Backspace/Delete erase, other keys with escape sequences are
  // ignored); nullopt on Ctrl-C, Ctrl-D on an empty line, end of input or a signal.
  std::optional<std::string> edit_line();
  // After an ESC byte: reads the rest of a CSI/SS3 sequence and returns its
  // final byte (parameters into `params` when given), 0 for another sequence,
  // or k_end/k_signal.
  int read_escape_sequence(std::string* params);
  Answer stopped();
  // Both run inside ask(), which has set raw mode on a terminal.
  Answer ask_key(const Question& q);
  Answer ask_text(const Question& q);
  void show_question(const Question& q);
  void show_help(const Question& q, bool force);

  int m_fd;
  std::ostream& m_out;
  Style m_style;
  bool m_tty = false;
  termios m_saved{};
  struct sigaction m_old_int {
  }, m_old_term{}, m_old_hup{};
  std::set<std::string> m_helps_shown;
  int m_stop_signal = 0;
};

}  // namespace esc
