// The text report at narrow widths: snapshots of the examples at 60 and 100
// columns, and the widths and rows of a 5,000-case generated corpus.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <sstream>
#include <vector>

#include "run.hpp"

namespace {

// Terminal columns of UTF-8 text, counted independently of the tool: East
// Asian wide and fullwidth characters (the blocks the corpus uses) are 2,
// combining accents 0, the rest 1.
std::size_t columns_of(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t code = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < length && i + k < line.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
    bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF && code != 0x303F) ||
                (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                (code >= 0xFF00 && code <= 0xFF60) || (code >= 0xFFE0 && code <= 0xFFE6) ||
                (code >= 0x1F300 && code <= 0x1F64F) || (code >= 0x20000 && code <= 0x3FFFD);
    bool combining = code >= 0x0300 && code <= 0x036F;
    n += combining ? 0 : wide ? 2 : 1;
    i += length;
  }
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Checks that no line is wider than `width`, and that within each table (the
// indented lines under a heading, up to a blank line; not the prose of the
// summary, Findings and Loops) no two rows are the same text. Returns the number of
// tables seen.
std::size_t check_layout(const std::string& text, std::size_t width) {
  std::size_t tables = 0;
  std::string heading;
  std::vector<std::string> table;
  auto close = [&] {
    if (!table.empty()) {
      ++tables;
      std::set<std::string> rows;
      for (const auto& row : table) {
        CAPTURE(heading);
        CAPTURE(row);
        CHECK(rows.insert(row).second);
      }
    }
    table.clear();
  };
  for (const auto& line : lines_of(text)) {
    CAPTURE(line);
    CHECK(columns_of(line) <= width);
    if (line.empty()) {
      close();
      heading.clear();
    } else if (line[0] != ' ' && heading.empty()) {
      heading = line;
    } else if (line.rfind("  ", 0) == 0 && line.rfind("  left out at this width:", 0) != 0 &&
               heading != "Escalation autopsy report" && heading != "Findings" && heading != "Loops") {
      table.push_back(line);
    }
  }
  close();
  return tables;
}

e2e::Result report_at(const std::string& path, std::size_t width) {
  return e2e::run({"report", path, "--as-of", "2025-06-30"}, "", "", {"COLUMNS=" + std::to_string(width)});
}

}  // namespace

TEST_SUITE("text_report") {
  TEST_CASE("the examples at 60 and 100 columns match their snapshots and fit") {
    for (std::size_t width : {60, 100}) {
      CAPTURE(width);
      auto r = report_at("examples/cases", width);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      std::string expected_path =
          e2e::source_path("tests/cases/text-report/examples-" + std::to_string(width) + ".txt");
      // ESC_UPDATE_SNAPSHOTS=1 rewrites the snapshot; read the diff before committing it.
      if (std::getenv("ESC_UPDATE_SNAPSHOTS")) e2e::write_file(expected_path, r.out);
      CHECK(r.out == e2e::read_file(expected_path));
      CHECK(check_layout(r.out, width) == 7);  // watchlist, causes, chains, accounts, departments, fixes, actions
    }
  }

  TEST_CASE("narrow tables say which columns they left out and keep the others") {
    auto r = report_at("examples/cases", 60);
    CHECK(r.out.find("  left out at this width: root, conf/likely/susp\n") != std::string::npos);
    auto wide = report_at("examples/cases", 100);
    CHECK(wide.out.find("left out at this width") == std::string::npos);
    CHECK(wide.out.find("conf/likely/susp") != std::string::npos);
  }

  TEST_CASE("a generated corpus of 5000 cases at 60 columns has no long line and no two equal rows") {
    std::string dir = e2e::temp_dir() + "/corpus";
    std::string command = "/usr/bin/python3 " + e2e::source_path("bench/generate_corpus.py") + " " + dir +
                          " --cases 5000 --seed 7 >/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    for (std::size_t width : {60, 100}) {
      CAPTURE(width);
      auto r = report_at(dir, width);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      CHECK(check_layout(r.out, width) == 7);
    }
  }
}
