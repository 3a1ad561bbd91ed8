#pragma once
// Runs the real binary on a pseudo-terminal (forkpty) to test interactive
// sessions as a person would drive them: keys in, screen text out.
#include <sys/types.h>
#include <termios.h>
#include <string>
#include <vector>

namespace e2e {

class PtySession {
 public:
  /// Starts esc-autopsy with `args` in `cwd` on a new 120x40 terminal, with
  /// TERM=xterm, NO_COLOR=1 and `env` ("NAME=value") set.
  PtySession(const std::vector<std::string>& args, const std::string& cwd, const std::vector<std::string>& env = {});
  ~PtySession();
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  /// Types `keys` (raw bytes: "\x03" is Ctrl-C, "\r" is Enter).
  void send(const std::string& keys);
  /// Waits until the output after the last expect() contains `text`; false on timeout or exit.
  bool expect(const std::string& text, int timeout_ms = 10000);
  /// Waits for the process to end and returns its exit status (128+N for signal N; -1 on timeout).
  int wait(int timeout_ms = 10000);
  /// The terminal's settings as the program left them.
  termios settings() const;
  /// Everything the program wrote so far.
  const std::string& output() const { return m_output; }

 private:
  bool pump(int timeout_ms);

  int m_master = -1;
  pid_t m_pid = -1;
  int m_status = -1;
  bool m_exited = false;
  std::string m_output;
  std::size_t m_seen = 0;
};

}  // namespace e2e
