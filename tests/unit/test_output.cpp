#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "esc/cli/context.hpp"
#include "esc/cli/output.hpp"

namespace fs = std::filesystem;

namespace {

fs::path fresh_dir() {
  std::string pattern = (fs::temp_directory_path() / "esc-output-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("output") {
  TEST_CASE("a streamed write puts everything the writer wrote into the file") {
    fs::path dir = fresh_dir();
    fs::path file = dir / "report.json";
    std::string big(3 * 1024 * 1024, 'x');  // larger than any stream buffer
    esc::write_file_atomically(
        file.string(), [&](std::ostream& out) { out << "{\n" << big << "\n}\n"; }, false);
    CHECK(slurp(file) == "{\n" + big + "\n}\n");
    CHECK(entries(dir) == 1);  // no temporary file left
    CHECK_THROWS_AS(esc::write_file_atomically(file.string(), std::string("again"), false), esc::CliError);
    esc::write_file_atomically(file.string(), std::string("replaced"), true);
    CHECK(slurp(file) == "replaced");
    fs::remove_all(dir);
  }

  TEST_CASE("a writer that fails half-way leaves the old file and no temporary file") {
    fs::path dir = fresh_dir();
    fs::path file = dir / "report.json";
    esc::write_file_atomically(file.string(), std::string("old"), false);
    auto failing = [](std::ostream& out) {
      out << "partial";
      throw std::runtime_error("render failed");
    };
    CHECK_THROWS_AS(esc::write_file_atomically(file.string(), failing, true), std::runtime_error);
    CHECK(slurp(file) == "old");
    CHECK(entries(dir) == 1);
    CHECK_THROWS_AS(esc::write_output((dir / "new.json").string(), failing, false), std::runtime_error);
    CHECK_FALSE(fs::exists(dir / "new.json"));
    CHECK(entries(dir) == 1);
    fs::remove_all(dir);
  }

  TEST_CASE("a write into a missing folder is a CliError naming the file") {
    fs::path dir = fresh_dir();
    std::string path = (dir / "no" / "such" / "out.json").string();
    try {
      esc::write_output(path, [](std::ostream& out) { out << "x"; }, false);
      FAIL("no error");
    } catch (const esc::CliError& e) {
      CHECK(std::string(e.what()).find(path) != std::string::npos);
    }
    fs::remove_all(dir);
  }
}

TEST_CASE("write_new_files_atomically writes new files, never replaces one, and leaves no temporary file") {
  fs::path dir = fresh_dir();
  std::ofstream(dir / "taken.yaml") << "mine\n";
  std::string a = "id: A\n", b = "id: B\n", c = "id: C\n";
  std::vector<esc::NewFile> files = {{(dir / "a.yaml").string(), &a},
                                     {(dir / "taken.yaml").string(), &b},
                                     {(dir / "missing" / "c.yaml").string(), &c}};
  auto problems = esc::write_new_files_atomically(files);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].empty());
  CHECK(slurp(dir / "a.yaml") == a);
  CHECK(problems[1].find("already exists") != std::string::npos);
  CHECK(slurp(dir / "taken.yaml") == "mine\n");
  CHECK_FALSE(problems[2].empty());
  CHECK(entries(dir) == 2);  // a.yaml and taken.yaml: no temporary file left behind
  CHECK((fs::status(dir / "a.yaml").permissions() & fs::perms::owner_write) != fs::perms::none);
  fs::remove_all(dir);
}
