// The manual pages render without warnings, have the usual sections, and
// document every option that --help lists.
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include <doctest/doctest.h>

#include "run.hpp"

namespace fs = std::filesystem;

namespace {

bool have_man() { return std::system("command -v man >/dev/null 2>&1") == 0; }

std::vector<fs::path> pages() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(e2e::source_path("man")))
    if (entry.path().extension() == ".1" || entry.path().extension() == ".5") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Long options in a --help text: "--format", "--as-of", ...
std::set<std::string> long_options(const std::string& help) {
  std::set<std::string> out;
  std::regex option(R"((^|[ ,])(--[a-z][a-z0-9-]*))");
  for (std::sregex_iterator it(help.begin(), help.end(), option), end; it != end; ++it) out.insert((*it)[2]);
  out.erase("--help");
  return out;
}

std::string roff_option(const std::string& option) {
  std::string out;
  for (char c : option) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("every manual page renders without a warning") {
  REQUIRE(pages().size() >= 10);
  if (!have_man()) {
    MESSAGE("man is not installed; skipping the rendering check");
    return;
  }
  for (const auto& page : pages()) {
    CAPTURE(page.string());
    std::string err = e2e::temp_dir() + "/warnings";
    std::string command = "MANWIDTH=80 man --warnings -E UTF-8 -l " + page.string() + " >/dev/null 2>" + err;
    CHECK(std::system(command.c_str()) == 0);
    CHECK(e2e::read_file(err).empty());
  }
}

TEST_CASE("every manual page has the usual sections") {
  for (const auto& page : pages()) {
    CAPTURE(page.string());
    std::string text = e2e::read_file(page.string());
    std::vector<std::string> sections = {"NAME", "DESCRIPTION", "SEE ALSO"};
    if (page.extension() == ".1")
      for (const char* s : {"SYNOPSIS", "OPTIONS", "EXIT STATUS", "EXAMPLES"}) sections.push_back(s);
    for (const auto& section : sections) CHECK_MESSAGE(text.find(".SH " + section) != std::string::npos, section);
  }
}

TEST_CASE("every command has a page that documents each option its --help lists") {
  std::vector<std::pair<std::vector<std::string>, std::string>> commands = {
      {{"--help"}, "esc-autopsy.1"},
      {{"validate", "--help"}, "esc-autopsy-validate.1"},
      {{"report", "--help"}, "esc-autopsy-report.1"},
      {{"graph", "--help"}, "esc-autopsy-graph.1"},
      {{"taxonomy", "show", "--help"}, "esc-autopsy-taxonomy.1"},
      {{"taxonomy", "check", "--help"}, "esc-autopsy-taxonomy.1"},
      {{"new", "--help"}, "esc-autopsy-new.1"},
      {{"review", "--help"}, "esc-autopsy-review.1"},
      {{"import", "--help"}, "esc-autopsy-import.1"},
      {{"schema", "--help"}, "esc-autopsy-schema.1"},
  };
  std::string global = e2e::read_file(e2e::source_path("man/esc-autopsy.1"));
  for (const auto& [args, page] : commands) {
    CAPTURE(page);
    auto r = e2e::run(args);
    REQUIRE(r.exit_code == 0);
    std::string text = e2e::read_file(e2e::source_path("man/" + page));
    REQUIRE_FALSE(text.empty());
    auto options = long_options(r.out);
    CHECK_FALSE(options.empty());
    for (const auto& option : options) {
      bool documented = text.find(roff_option(option)) != std::string::npos ||
                        global.find(roff_option(option)) != std::string::npos;
      CHECK_MESSAGE(documented, option << " is not in " << page);
    }
  }
}

TEST_CASE("help COMMAND shows the manual page, and an unknown topic is exit 2") {
  auto r = e2e::run({"help", "graph"}, "", "", {"MANPAGER=cat", "PAGER=cat", "MANWIDTH=80"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("esc-autopsy-graph") != std::string::npos);
  CHECK(r.out.find("min") != std::string::npos);
  auto cases = e2e::run({"help", "cases"}, "", "", {"MANPAGER=cat", "PAGER=cat"});
  CHECK(cases.exit_code == 0);
  CHECK(cases.out.find("caused_by") != std::string::npos);
  auto bad = e2e::run({"help", "no-such-command"});
  CHECK(bad.exit_code == 2);
  auto list = e2e::run({"help"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("validate") != std::string::npos);
}
