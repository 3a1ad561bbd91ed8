// The man pages of new, review and taxonomy: complete, warning-free, and in
// step with the built-in taxonomy.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include <doctest/doctest.h>

#include "run.hpp"

namespace {
const char* k_pages[] = {"man/esc-autopsy-new.1", "man/esc-autopsy-review.1", "man/esc-autopsy-taxonomy.1",
                         "man/esc-autopsy-taxonomy.5"};

std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}
}  // namespace

TEST_CASE("each guided-autopsy man page has the sections users look for") {
  for (const char* page : k_pages) {
    std::string text = e2e::read_file(e2e::source_path(page));
    INFO(page);
    for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH EXIT STATUS",
                                ".SH EXAMPLES", ".SH SEE ALSO"})
      CHECK(text.find(section) != std::string::npos);
  }
}

TEST_CASE("esc-autopsy-taxonomy(5) lists every built-in code and department") {
  std::string page = e2e::read_file(e2e::source_path("man/esc-autopsy-taxonomy.5"));
  std::istringstream codes(e2e::run({"taxonomy", "show", "-f", "codes"}).out);
  for (std::string code; std::getline(codes, code);) {
    INFO(code);
    bool category = code.find('.') == std::string::npos;  // a heading with its owner; causes are items
    CHECK(page.find(category ? ".SS " + roff(code) + " (owner: " : ".B " + roff(code) + "\n") != std::string::npos);
  }
  for (const char* owner : {"sales", "revops", "engineering", "services", "customer\\-success", "support",
                            "cloud\\-ops", "marketing", "leadership"})
    CHECK(page.find(std::string("\\fB") + owner + "\\fR") != std::string::npos);
}

TEST_CASE("the man pages render without warnings") {
  if (!std::filesystem::exists("/usr/bin/man") || !std::filesystem::exists("/usr/bin/groff")) return;
  for (const char* page : k_pages) {
    INFO(page);
    std::string command = "man --warnings -l '" + e2e::source_path(page) + "' 2>&1 >/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string warnings;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe)) warnings += buffer;
    CHECK(pclose(pipe) == 0);
    CHECK(warnings.empty());
  }
}
