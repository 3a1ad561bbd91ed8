#include "pty.hpp"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace e2e {

PtySession::PtySession(const std::vector<std::string>& args, const std::string& cwd,
                       const std::vector<std::string>& env) {
  winsize size{};
  size.ws_row = 40;
  size.ws_col = 120;
  m_pid = forkpty(&m_master, nullptr, nullptr, &size);
  if (m_pid < 0) throw std::runtime_error("forkpty failed");
  if (m_pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    setenv("TERM", "xterm", 1);
    setenv("NO_COLOR", "1", 1);
    unsetenv("GITHUB_ACTIONS");
    for (const auto& e : env) putenv(strdup(e.c_str()));
    std::string binary = ESC_BINARY;
    std::vector<std::string> copies = args;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

PtySession::~PtySession() {
  if (!m_exited && m_pid > 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  if (m_master >= 0) close(m_master);
}

void PtySession::send(const std::string& keys) {
  std::size_t done = 0;
  while (done < keys.size()) {
    ssize_t n = write(m_master, keys.data() + done, keys.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

bool PtySession::pump(int timeout_ms) {
  pollfd p{m_master, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  char buffer[4096];
  ssize_t n = read(m_master, buffer, sizeof buffer);
  if (n <= 0) return false;  // EIO once the program has exited and closed the terminal
  m_output.append(buffer, static_cast<std::size_t>(n));
  return true;
}

bool PtySession::expect(const std::string& text, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    std::size_t at = m_output.find(text, m_seen);
    if (at != std::string::npos) {
      m_seen = at + text.size();
      return true;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (!pump(static_cast<int>(left.count())) && m_output.find(text, m_seen) == std::string::npos) {
      int status = 0;
      if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_exited = true;
        m_status = status;
        return false;
      }
    }
  }
}

int PtySession::wait(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!m_exited) {
    pump(50);
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_exited = true;
      m_status = status;
    } else if (std::chrono::steady_clock::now() > deadline) {
      return -1;
    }
  }
  while (pump(0)) {
  }
  return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : 128 + WTERMSIG(m_status);
}

termios PtySession::settings() const {
  termios t{};
  tcgetattr(m_master, &t);
  return t;
}

}  // namespace e2e
