// A CI run that checked nothing must not pass: empty inputs, skipped files,
// empty case files, and output that cannot be taken for workflow commands.
#include <doctest/doctest.h>

#include "findings.hpp"
#include "run.hpp"

namespace {

const char* k_case = "id: C-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\noutcome: at-risk\n";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("no_silent_green") {
  TEST_CASE("an empty folder is no-case-files (exit 1) unless --allow-empty") {
    std::string dir = e2e::temp_dir();
    auto r = e2e::run({"validate", dir});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "error: no case files found [no-case-files]"));
    auto allowed = e2e::run({"validate", "--allow-empty", dir});
    CHECK(allowed.exit_code == 0);
    CHECK(contains(allowed.out, "ok: 0 files"));
    auto json = e2e::parse_report(e2e::run({"validate", "--format", "json", dir}));
    REQUIRE(json.findings.size() == 1);
    CHECK(json.findings[0].rule == "no-case-files");
  }

  TEST_CASE("a folder of other files names what it skipped") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/notes.txt", "hello\n");
    e2e::write_file(dir + "/case.json", "{}\n");
    auto r = e2e::run({"validate", dir});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "no case files found; 2 files skipped for not ending in .yaml or .yml"));
    CHECK(contains(r.out,
                   "note: skipped 2 files not ending in .yaml or .yml: " + dir + "/case.json, " + dir + "/notes.txt"));
  }

  TEST_CASE("the extension is matched in any case") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/a.YAML", k_case);
    e2e::write_file(dir + "/b.Yml", std::string(k_case).replace(4, 1, "2"));
    auto r = e2e::run({"validate", dir});
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "2 files (2 cases)"));
  }

  TEST_CASE("a config that ignores every file leaves nothing to check") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/.esc-autopsy.yaml", "ignore: ['*.yaml']\n");
    e2e::write_file(dir + "/cases/a.yaml", k_case);
    auto r = e2e::run({"validate", "cases"}, "", dir);
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "1 file ignored by the config [no-case-files]"));
  }

  TEST_CASE("empty and comment-only files are empty-file warnings") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/blank.yaml", "\n  \n");
    e2e::write_file(dir + "/comments.yaml", "# nothing yet\n");
    e2e::write_file(dir + "/case.yaml", k_case);
    auto r = e2e::run({"validate", "--format", "json", dir});
    auto report = e2e::parse_report(r);
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 0);
    REQUIRE(report.findings.size() == 3);  // and case.yaml's autopsy-pending
    CHECK(report.findings[0].rule == "empty-file");
    CHECK(report.findings[0].message == "the file is empty: it holds no case");
    CHECK(report.findings[2].rule == "empty-file");
    CHECK(report.findings[2].message == "the file holds only comments: it holds no case");
    CHECK(e2e::run({"validate", "--strict", dir}).exit_code == 1);
  }

  TEST_CASE("report and graph warn on no input and describe no case") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/notes.txt", "hello\n");
    for (const char* command : {"report", "graph"}) {
      CAPTURE(command);
      auto r = e2e::run({command, dir});
      INFO(e2e::describe(r));
      CHECK(r.exit_code == 0);
      CHECK(contains(r.err,
                     "warning: no case files found in " + dir + " (1 file skipped for not ending in .yaml or .yml"));
    }
  }

  TEST_CASE("a hostile cause code cannot print a workflow command") {
    // The code holds a line break and an ANSI escape; the file name starts with `::`.
    std::string dir = e2e::temp_dir();
    std::string hostile = std::string(k_case) + "causes:\n  - code: \"x\\n::error file=evil.yaml::pwned\\e[2J\"\n";
    e2e::write_file(dir + "/::warning x.yaml", hostile);
    for (const char* format : {"text", "github"}) {
      CAPTURE(format);
      auto r = e2e::run({"validate", "--format", format, "::warning x.yaml"}, "", dir);
      INFO(e2e::describe(r));
      CHECK(r.exit_code == 1);
      CHECK(contains(r.out, "x\\n::error file=evil.yaml::pwned\\x1b[2J"));
      CHECK_FALSE(contains(r.out, "\x1b"));
      std::size_t start = 0;
      int commands = 0;
      while (start < r.out.size()) {
        std::size_t end = r.out.find('\n', start);
        std::string line = r.out.substr(start, end - start);
        std::size_t text = line.find_first_not_of(" \t");
        if (text != std::string::npos && line.compare(text, 2, "::") == 0) ++commands;
        start = end == std::string::npos ? r.out.size() : end + 1;
      }
      CHECK(commands == (std::string(format) == "github" ? 1 : 0));
    }
    auto text = e2e::run({"validate", "::warning x.yaml"}, "", dir);
    CHECK(contains(text.out, "\\::warning x.yaml:7:11: error:"));
  }
}
