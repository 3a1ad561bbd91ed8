#include <cstdlib>
#include <fcntl.h>
#include <iostream>
#include <memory>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "esc/cli/commands.hpp"

namespace esc {
namespace {

// Runs `man ARGS...` and returns its exit status (127 when man cannot run);
// `quiet` hides man's own complaints (a page that is not installed).
int run_man(const std::vector<std::string>& args, bool quiet) {
  pid_t pid = ::fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    if (quiet) {
      int null = ::open("/dev/null", O_WRONLY);
      if (null >= 0) ::dup2(null, STDERR_FILENO);
    }
    std::vector<char*> argv;
    std::string man = "man";
    argv.push_back(man.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("man", argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 127;
}

// The folder of the running binary, to find pages beside a build or an install.
std::string executable_dir() {
  char buffer[4096];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return ".";
  std::string path(buffer, static_cast<std::size_t>(n));
  return path.substr(0, path.find_last_of('/'));
}

int run_help(const std::string& topic, CLI::App& app) {
  // App::help() would describe the selected subcommand (`help` itself).
  auto top_help = [&] { return app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal); };
  if (topic.empty()) {
    std::cout << top_help();
    return 0;
  }
  bool known = topic == "esc-autopsy" || topic == "cases" || topic == "taxonomy-format";
  for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == topic;
  if (!known) throw CliError(fmt::format("no help on `{}`; try `esc-autopsy help` for the commands", topic));
  std::string page = topic == "esc-autopsy"       ? "esc-autopsy"
                     : topic == "taxonomy-format" ? "esc-autopsy-taxonomy"
                                                  : "esc-autopsy-" + topic;
  std::string section = topic == "cases" || topic == "taxonomy-format" ? "5" : "1";
  if (run_man({section, page}, true) == 0) return 0;
  // Not installed: the page beside an installed binary or in the source tree.
  std::string dir = executable_dir();
  for (const std::string& candidate : {dir + "/../share/man/man" + section + "/" + page + "." + section,
                                       dir + "/../man/" + page + "." + section})
    if (::access(candidate.c_str(), R_OK) == 0 && run_man({"-l", candidate}, false) == 0) return 0;
  const CLI::App* sub = nullptr;
  for (const CLI::App* s : app.get_subcommands({}))
    if (s->get_name() == topic) sub = s;
  std::cerr << "esc-autopsy: the manual page " << page << "(" << section << ") is not available; here is --help:\n";
  std::cout << (sub ? sub->help() : top_help());
  return 0;
}

}  // namespace

void add_help_command(CLI::App& app, const GlobalOptions&, CommandAction& action) {
  auto topic = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("help", "Open the manual page of a command (or `cases`, `taxonomy-format`)");
  cmd->add_option("topic", *topic, "A command, `cases` (the case file format) or `taxonomy-format`");
  cmd->callback([&action, topic, &app] { action = [topic, &app] { return run_help(*topic, app); }; });
}

}  // namespace esc
