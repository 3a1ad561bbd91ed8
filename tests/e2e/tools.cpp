#include "tools.hpp"

#include <cstdio>
#include <sys/wait.h>

#include "run.hpp"

namespace e2e {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

ToolResult run_shell(const std::string& command, const std::string& input) {
  std::string dir = temp_dir();
  std::string in_path = dir + "/stdin";
  write_file(in_path, input);
  std::string full = "cd " + shell_quote(ESC_SOURCE_DIR) + " && (" + command + ") < " + shell_quote(in_path) + " 2>&1";
  ToolResult result;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have_tool(const std::string& program) {
  return run_shell("command -v " + shell_quote(program) + " >/dev/null").exit_code == 0;
}

std::string python_with(const std::string& modules) {
  std::string imports;
  for (std::size_t start = 0; start < modules.size();) {
    std::size_t end = modules.find(' ', start);
    if (end == std::string::npos) end = modules.size();
    if (end > start) imports += "import " + modules.substr(start, end - start) + "; ";
    start = end + 1;
  }
  for (const char* python : {"/usr/bin/python3", "python3"})
    if (have_tool(python) && run_shell(std::string(python) + " -c " + shell_quote(imports)).exit_code == 0)
      return python;
  return {};
}

}  // namespace e2e
