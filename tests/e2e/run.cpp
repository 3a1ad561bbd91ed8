#include "run.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace e2e {
namespace fs = std::filesystem;

std::string source_path(const std::string& relative) { return std::string(ESC_SOURCE_DIR) + "/" + relative; }

namespace {
struct TempDirs {
  std::vector<std::string> paths;
  ~TempDirs() {
    for (const auto& p : paths) {
      std::error_code ignored;
      fs::remove_all(p, ignored);
    }
  }
};
TempDirs& temp_dirs() {
  static TempDirs dirs;
  return dirs;
}
}  // namespace

std::string temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "esc-e2e-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed");
  temp_dirs().paths.push_back(buffer.data());
  return buffer.data();
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result run(const std::vector<std::string>& args, const std::string& input, const std::string& cwd,
           const std::vector<std::string>& env) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    std::string dir = cwd.empty() ? std::string(ESC_SOURCE_DIR) : cwd;
    if (chdir(dir.c_str()) != 0) _exit(127);
    unsetenv("NO_COLOR");
    unsetenv("GITHUB_ACTIONS");
    for (const auto& e : env) putenv(strdup(e.c_str()));
    std::vector<char*> argv;
    std::string binary = ESC_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  signal(SIGPIPE, SIG_IGN);
  Result result;
  std::size_t written = 0;
  if (input.empty()) close(in_pipe[1]), in_pipe[1] = -1;
  struct pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
  time_t deadline = time(nullptr) + 60;
  int open_outputs = 2;
  while (open_outputs > 0) {
    if (time(nullptr) > deadline) {
      kill(pid, SIGKILL);
      break;
    }
    int n = poll(fds, in_pipe[1] >= 0 ? 3 : 2, 1000);
    if (n <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buffer[65536];
      ssize_t got = read(fds[i].fd, buffer, sizeof buffer);
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_outputs;
      } else {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(got));
      }
    }
    if (in_pipe[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t put = (fds[2].revents & POLLOUT) ? write(in_pipe[1], input.data() + written, input.size() - written) : -1;
      if (put > 0) written += static_cast<std::size_t>(put);
      if (put <= 0 || written == input.size()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
      }
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace e2e
