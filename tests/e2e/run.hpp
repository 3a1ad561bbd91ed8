#pragma once
// Runs the real esc-autopsy binary for end-to-end tests.
#include <string>
#include <vector>

namespace e2e {

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs esc-autopsy with `args` in `cwd` (default: the source tree), feeding
/// `input` on stdin, with extra environment `env` ("NAME=value"). NO_COLOR and
/// GITHUB_ACTIONS are cleared unless set in `env`. Kills it after 60 s.
Result run(const std::vector<std::string>& args, const std::string& input = "", const std::string& cwd = "",
           const std::vector<std::string>& env = {});

/// An absolute path inside the source tree.
std::string source_path(const std::string& relative);

/// A fresh empty temporary directory, removed at exit.
std::string temp_dir();

/// Writes `content` to `path`, creating parent folders.
void write_file(const std::string& path, const std::string& content);

/// The whole content of a file.
std::string read_file(const std::string& path);

}  // namespace e2e
