// Hostile file systems: links, loops, unreadable files, and one bad file among
// good ones. Folders are built in temporary directories at test time.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>

#include "findings.hpp"
#include "run.hpp"

namespace fs = std::filesystem;

namespace {

const std::string k_good =
    "id: P-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\ncauses: [{code: bad-sale}]\n";

std::string good_case(int n) {
  return "id: P-" + std::to_string(n) + "\ntitle: t\naccount: {id: A-" + std::to_string(n) +
         "}\nopened: 2024-01-01\noutcome: open\ncauses: [{code: bad-sale}]\n";
}

e2e::Result validate_in(const std::string& dir, const std::vector<std::string>& paths) {
  std::vector<std::string> args = {"validate", "--format", "json"};
  args.insert(args.end(), paths.begin(), paths.end());
  return e2e::run(args, "", dir);
}

std::vector<e2e::Finding> io_errors(const e2e::Report& report) {
  return e2e::with_rule(report, "io-error");
}

bool mentions(const std::vector<e2e::Finding>& found, const std::string& file, const std::string& words) {
  for (const auto& f : found)
    if (f.file == file && f.message.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_SUITE("hostile_paths") {
  TEST_CASE("a symlink loop named .yaml is reported and not followed and the walk goes on") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/good.yaml", k_good);
    fs::create_symlink("b.yaml", dir + "/cases/a.yaml");
    fs::create_symlink("a.yaml", dir + "/cases/b.yaml");
    auto r = validate_in(dir, {"cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 2);
    auto found = io_errors(report);
    CHECK(found.size() == 2);
    CHECK(mentions(found, "cases/a.yaml", "loop"));
    CHECK(mentions(found, "cases/b.yaml", "loop"));
    CHECK(report.cases == 1);
    // Named directly, too.
    auto direct = validate_in(dir, {"cases/a.yaml"});
    CHECK(direct.exit_code == 2);
    CHECK(io_errors(e2e::parse_report(direct)).size() == 1);
  }

  TEST_CASE("a dangling symlink is reported as io-error") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/good.yaml", k_good);
    fs::create_symlink("gone.yaml", dir + "/cases/dangling.yaml");
    auto r = validate_in(dir, {"cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 2);
    REQUIRE(io_errors(report).size() == 1);
    CHECK(mentions(io_errors(report), "cases/dangling.yaml", "dangling"));
    CHECK(report.cases == 1);
    auto direct = validate_in(dir, {"cases/dangling.yaml"});
    CHECK(direct.exit_code == 2);
    CHECK(mentions(io_errors(e2e::parse_report(direct)), "cases/dangling.yaml", "dangling"));
  }

  TEST_CASE("a directory symlink to its parent is a reported loop and the walk terminates") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/good.yaml", k_good);
    e2e::write_file(dir + "/cases/sub/other.yaml", good_case(2));
    fs::create_directory_symlink("..", dir + "/cases/sub/up");
    fs::create_directory_symlink(".", dir + "/cases/self");
    auto r = validate_in(dir, {"cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 2);
    auto found = io_errors(report);
    CHECK(found.size() == 2);
    CHECK(mentions(found, "cases/sub/up", "loop"));
    CHECK(mentions(found, "cases/self", "loop"));
    CHECK(report.files == 2);  // each real file once
    CHECK(report.cases == 2);
    CHECK(e2e::with_rule(report, "duplicate-id").empty());
  }

  TEST_CASE("an unreadable file is io-error and the others are still checked" * doctest::skip(::geteuid() == 0)) {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/a.yaml", k_good);
    e2e::write_file(dir + "/cases/secret.yaml", good_case(2));
    ::chmod((dir + "/cases/secret.yaml").c_str(), 0);
    auto r = validate_in(dir, {"cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 2);
    REQUIRE(io_errors(report).size() == 1);
    CHECK(io_errors(report)[0].file == "cases/secret.yaml");
    CHECK(report.cases == 1);
  }

  TEST_CASE("an unreadable folder is io-error" * doctest::skip(::geteuid() == 0)) {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/locked/a.yaml", k_good);
    ::chmod((dir + "/cases/locked").c_str(), 0);
    auto r = validate_in(dir, {"cases"});
    ::chmod((dir + "/cases/locked").c_str(), 0755);
    INFO(e2e::describe(r));
    CHECK(r.exit_code == 2);
    CHECK(io_errors(e2e::parse_report(r)).size() == 1);
  }

  TEST_CASE("a missing path is io-error with exit 2 and the other paths are still checked") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/good.yaml", k_good);
    auto r = validate_in(dir, {"nowhere.yaml", "good.yaml"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 2);
    CHECK(mentions(io_errors(report), "nowhere.yaml", "cannot read"));
    CHECK(report.cases == 1);
  }

  TEST_CASE("one broken file among good ones does not stop the others being checked") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/1-good.yaml", good_case(1));
    e2e::write_file(dir + "/cases/2-syntax.yaml", "id: [\n");
    e2e::write_file(dir + "/cases/3-encoding.yaml", "id: caf\xE9\n");
    e2e::write_file(dir + "/cases/4-deep.yaml", std::string(500, '[') + std::string(500, ']'));
    e2e::write_file(dir + "/cases/5-bomb.yaml", "a: &a [x]\nb: [*a, *a]\n");
    e2e::write_file(dir + "/cases/6-good.yaml", good_case(6));
    e2e::write_file(dir + "/cases/7-warning.yaml", good_case(7) + "colour: blue\n");
    e2e::write_file(dir + "/cases/notes.txt", "not yaml: [\n");
    auto r = validate_in(dir, {"cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 1);
    CHECK(report.files == 7);
    CHECK(report.cases == 3);
    CHECK(e2e::has(report, "yaml-syntax", 2, 1, "cases/2-syntax.yaml"));
    CHECK(e2e::has(report, "bad-encoding", 1, 8, "cases/3-encoding.yaml"));
    CHECK(e2e::has(report, "input-limit", 1, 65, "cases/4-deep.yaml"));
    CHECK(e2e::has(report, "input-limit", 2, 5, "cases/5-bomb.yaml"));
    CHECK(e2e::has(report, "unknown-key", 7, 1, "cases/7-warning.yaml"));
    CHECK(report.findings.size() == 5);
  }

  TEST_CASE("a non-mapping document among good files does not stop the others") {
    // Actual: SIGSEGV when the text document is in the last file walked.
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/1-good.yaml", good_case(1));
    e2e::write_file(dir + "/cases/2-text.yaml", "just a sentence\n");
    auto r = validate_in(dir, {"cases"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 1);
    CHECK(report.cases == 1);
    CHECK(e2e::has(report, "wrong-type", 1, 1, "cases/2-text.yaml"));
  }

  TEST_CASE("only .yaml and .yml files are walked and a file named twice is read once") {
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/cases/a.yaml", good_case(1));
    e2e::write_file(dir + "/cases/b.yml", good_case(2));
    e2e::write_file(dir + "/cases/c.yaml.bak", "not: [\n");
    e2e::write_file(dir + "/cases/README.md", "# notes\n");
    auto r = validate_in(dir, {"cases", "cases/a.yaml"});
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 0);
    CHECK(report.files == 2);
    CHECK(report.cases == 2);
    CHECK(report.findings.empty());
  }

}  // TEST_SUITE
