#include "esc/cli/terminal_prompt.hpp"

#include <poll.h>
#include <unistd.h>
#include <cctype>
#include <cerrno>

namespace esc {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal) {
  g_signal = signal;
}

// Raw single-key mode for the lifetime of the object.
class RawMode {
 public:
  RawMode(int fd, const termios& saved) : m_fd(fd), m_saved(saved) {
    termios raw = saved;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO | ISIG | IEXTEN));
    raw.c_iflag &= static_cast<tcflag_t>(~(IXON | ICRNL));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    ::tcsetattr(m_fd, TCSANOW, &raw);
  }
  ~RawMode() { ::tcsetattr(m_fd, TCSANOW, &m_saved); }
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;

 private:
  int m_fd;
  termios m_saved;
};

std::string key_word(QuestionKind kind, char key) {
  switch (key) {
    case 'b':
      return "back";
    case 'q':
      return "quit";
    case 'y':
      return "yes";
    case 'n':
      return "no";
    case 'u':
      return "unsure";
    case 'c':
      return "confirmed";
    case 'l':
      return "likely";
    case 's':
      return kind == QuestionKind::confidence ? "suspected" : "skip";
  }
  return std::string(1, key);
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Screen columns of `text`: one per UTF-8 code point (no wide characters assumed).
std::size_t columns(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += is_continuation(c) ? 0 : 1;
  return n;
}

std::string cursor_left(std::size_t n) {
  return n == 0 ? "" : "\033[" + std::to_string(n) + "D";
}

std::string trimmed(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

TerminalPrompt::TerminalPrompt(int input_fd, std::ostream& out, const Style& style)
    : m_fd(input_fd), m_out(out), m_style(style) {
  m_tty = ::isatty(m_fd) == 1 && ::tcgetattr(m_fd, &m_saved) == 0;
  g_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns EINTR
  ::sigaction(SIGINT, &action, &m_old_int);
  ::sigaction(SIGTERM, &action, &m_old_term);
  ::sigaction(SIGHUP, &action, &m_old_hup);
}

TerminalPrompt::~TerminalPrompt() {
  if (m_tty) ::tcsetattr(m_fd, TCSANOW, &m_saved);
  ::sigaction(SIGINT, &m_old_int, nullptr);
  ::sigaction(SIGTERM, &m_old_term, nullptr);
  ::sigaction(SIGHUP, &m_old_hup, nullptr);
}

int TerminalPrompt::read_byte() {
  for (;;) {
    if (g_signal) return k_signal;
    pollfd p{m_fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 200);
    if (ready < 0 && errno != EINTR) return k_end;
    if (ready <= 0) continue;
    unsigned char c = 0;
    ssize_t got = ::read(m_fd, &c, 1);
    if (got == 1) return c;
    if (got == 0 || errno != EINTR) return k_end;
  }
}

std::optional<std::string> TerminalPrompt::read_line() {
  std::string line;
  for (;;) {
    int c = read_byte();
    if (c == k_signal || (c == k_end && line.empty())) {
      m_stop_signal = c == k_signal ? static_cast<int>(g_signal) : 0;
      return std::nullopt;
    }
    if (c == k_end || c == '\n') return line;
    line += static_cast<char>(c);
  }
}

int TerminalPrompt::read_escape_sequence(std::string* params) {
  int kind = read_byte();
  if (kind < 0) {
    if (kind == k_signal) m_stop_signal = static_cast<int>(g_signal);
    return kind;
  }
  if (kind != '[' && kind != 'O') return 0;  // Alt+key: both bytes dropped
  for (;;) {
    int b = read_byte();
    if (b < 0) {
      if (b == k_signal) m_stop_signal = static_cast<int>(g_signal);
      return b;
    }
    if (b >= 0x40 && b <= 0x7e) return b;
    if (params && params->size() < 8) *params += static_cast<char>(b);
  }
}

std::optional<std::string> TerminalPrompt::edit_line() {
  // A small line editor in raw mode (the caller's), so that arrows move the
  // cursor instead of the terminal echoing `^[[D` into a line it then cannot edit.
  std::string line;
  std::size_t at = 0;  // byte offset of the cursor, on a code point boundary
  auto stop = [&](int signal) -> std::optional<std::string> {
    m_stop_signal = signal;
    return std::nullopt;
  };
  auto redraw_tail = [&](std::size_t erased) {  // after an edit at `at`: the rest of the line, then back
    std::string tail = line.substr(at);
    m_out << tail << std::string(erased, ' ') << cursor_left(columns(tail) + erased);
  };
  for (;;) {
    m_out.flush();
    int c = read_byte();
    if (c == k_signal) return stop(static_cast<int>(g_signal));
    if (c == k_end || (c == 0x04 && line.empty())) return stop(0);
    if (c == 0x03) {
      m_out << "^C";
      return stop(SIGINT);
    }
    if (c == '\r' || c == '\n') {
      m_out << "\r\n";
      return line;
    }
    if (c == 0x7f || c == 0x08) {  // Backspace: the code point before the cursor
      if (at == 0) continue;
      std::size_t from = at - 1;
      while (from > 0 && is_continuation(line[from])) --from;
      line.erase(from, at - from);
      at = from;
      m_out << "\b";
      redraw_tail(1);
      continue;
    }
    if (c == 0x1b) {  // an escape sequence: CSI or SS3, up to its final byte
      std::string params;
      int final_byte = read_escape_sequence(&params);
      if (final_byte < 0) return stop(final_byte == k_signal ? static_cast<int>(g_signal) : 0);
      if (final_byte == 'D' && at > 0) {  // Left
        do --at;
        while (at > 0 && is_continuation(line[at]));
        m_out << cursor_left(1);
      } else if (final_byte == 'C' && at < line.size()) {  // Right
        do ++at;
        while (at < line.size() && is_continuation(line[at]));
        m_out << "\033[C";
      } else if (final_byte == 'H' || (final_byte == '~' && (params == "1" || params == "7"))) {  // Home
        m_out << cursor_left(columns(line.substr(0, at)));
        at = 0;
      } else if (final_byte == 'F' || (final_byte == '~' && (params == "4" || params == "8"))) {  // End
        m_out << line.substr(at);
        at = line.size();
      } else if (final_byte == '~' && params == "3" && at < line.size()) {  // Delete
        std::size_t to = at + 1;
        while (to < line.size() && is_continuation(line[to])) ++to;
        line.erase(at, to - at);
        redraw_tail(1);
      }
      continue;  // Up, Down and anything else: ignored
    }
    if (c < 0x20) continue;                      // other control keys
    std::string point(1, static_cast<char>(c));  // a whole UTF-8 code point
    std::size_t more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    for (std::size_t i = 0; i < more; ++i) {
      int b = read_byte();
      if (b < 0) return stop(b == k_signal ? static_cast<int>(g_signal) : 0);
      point += static_cast<char>(b);
    }
    line.insert(at, point);
    at += point.size();
    m_out << point;
    if (at < line.size()) redraw_tail(0);
  }
}

Answer TerminalPrompt::stopped() {
  m_out << '\n';
  m_out.flush();
  if (m_stop_signal == 0) return Answer::of(Answer::Kind::end_of_input);
  Answer a = Answer::of(Answer::Kind::interrupt);
  a.signal = m_stop_signal;
  return a;
}

void TerminalPrompt::tell(Tone tone, const std::string& text) {
  switch (tone) {
    case Tone::heading:
      m_out << '\n' << m_style.bold(text) << '\n';
      break;
    case Tone::warning:
      m_out << m_style.yellow("warning: ") << text << '\n';
      break;
    case Tone::problem:
      m_out << m_style.red("refused: ") << text << '\n';
      break;
    case Tone::plain:
      m_out << text << '\n';
      break;
  }
  m_out.flush();
}

void TerminalPrompt::show_help(const Question& q, bool force) {
  if (q.help.empty() || (!force && !m_helps_shown.insert(q.help).second)) return;
  m_out << std::string(static_cast<std::size_t>(2 * q.depth + 2), ' ') << m_style.dim("(" + q.help + ")") << '\n';
}

void TerminalPrompt::show_question(const Question& q) {
  std::string indent(static_cast<std::size_t>(2 * q.depth), ' ');
  if (!q.section.empty()) m_out << '\n' << m_style.bold(q.section) << '\n';
  if (!q.title.empty()) {
    if (q.depth == 0)
      m_out << '\n' << m_style.bold(q.title) << '\n';
    else
      m_out << indent << m_style.cyan(q.title) << '\n';
  }
  for (std::size_t i = 0; i < q.options.size(); ++i)
    m_out << indent << "    " << (i + 1) << "  " << q.options[i] << '\n';
  show_help(q, false);
  m_out << indent << "  " << q.text;
}

Answer TerminalPrompt::ask(const Question& q) {
  // Raw mode before anything of the question is shown: a key or line typed
  // as soon as it appears must reach us, not the terminal's echo and erase.
  std::optional<RawMode> raw;
  if (m_tty) raw.emplace(m_fd, m_saved);
  show_question(q);
  return q.keys.empty() ? ask_text(q) : ask_key(q);
}

Answer TerminalPrompt::ask_key(const Question& q) {
  std::string keys;
  for (char k : q.keys) keys += (keys.empty() ? "" : "/") + std::string(1, k == q.default_key ? std::toupper(k) : k);
  std::string line_prompt = " [" + keys + "/?] ";
  std::string indent(static_cast<std::size_t>(2 * q.depth), ' ');
  m_out << line_prompt;
  m_out.flush();
  for (;;) {
    char key = 0;
    if (m_tty) {
      int c = read_byte();
      if (c == k_signal) m_stop_signal = static_cast<int>(g_signal);
      if (c == k_signal || c == k_end || c == 0x04) return stopped();
      if (c == 0x03) {
        m_out << "^C";
        m_stop_signal = SIGINT;
        return stopped();
      }
      if (c == 0x1b) {  // an arrow or other special key: its whole sequence is ignored
        if (read_escape_sequence(nullptr) < 0) return stopped();
        continue;
      }
      if (c == '\r' || c == '\n')
        key = q.default_key;
      else if (std::isprint(c))
        key = static_cast<char>(std::tolower(c));
      else
        continue;  // other control bytes and escape sequences
    } else {
      auto line = read_line();
      if (!line) return stopped();
      std::string answer = trimmed(*line);
      key = answer.empty() ? q.default_key : static_cast<char>(std::tolower(static_cast<unsigned char>(answer[0])));
    }
    if (key && key != '?' && q.keys.find(key) != std::string::npos) {
      m_out << key_word(q.kind, key) << '\n';
      m_out.flush();
      return Answer::with_key(key);
    }
    m_out << '\n';
    if (key == '?' && !q.details.empty()) m_out << q.details << '\n';
    show_help(q, true);
    m_out << indent << "  " << q.text << line_prompt;
    m_out.flush();
  }
}

Answer TerminalPrompt::ask_text(const Question& q) {
  std::string indent(static_cast<std::size_t>(2 * q.depth), ' ');
  for (;;) {
    m_out << '\n'
          << indent << "  " << m_style.dim("[" + (q.default_text.empty() ? std::string("none") : q.default_text) + "]")
          << " > ";
    m_out.flush();
    auto line = m_tty ? edit_line() : read_line();
    if (!line) return stopped();
    std::string answer = trimmed(*line);
    if (!m_tty) m_out << answer << '\n';  // the terminal echoes typed lines; a pipe does not
    if (answer == "?") {
      if (!q.details.empty()) m_out << q.details << '\n';
      show_help(q, true);
      m_out << indent << "  " << q.text;
      continue;
    }
    m_out.flush();
    if (answer.empty()) return Answer::of(Answer::Kind::keep);
    if (answer == "-") return Answer::of(Answer::Kind::clear);
    if (answer == "<") return Answer::of(Answer::Kind::back);
    return Answer::with_text(answer);
  }
}

}  // namespace esc
