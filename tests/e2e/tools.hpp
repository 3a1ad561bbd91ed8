#pragma once
// Runs other programs (xmllint, python3, man) that consume esc-autopsy's output.
#include <string>

namespace e2e {

struct ToolResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

/// True when `program` is found on PATH (or is an executable path).
bool have_tool(const std::string& program);

/// Runs `command` with /bin/sh in the source tree, feeding `input` on stdin.
ToolResult run_shell(const std::string& command, const std::string& input = "");

/// A Python 3 that can `import` every module in `modules` (space-separated),
/// preferring Debian's /usr/bin/python3; empty when there is none.
std::string python_with(const std::string& modules);

/// `text` quoted for /bin/sh.
std::string shell_quote(const std::string& text);

}  // namespace e2e
