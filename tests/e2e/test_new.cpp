// `esc-autopsy new`: the scaffold validates clean but for autopsy-pending,
// ids are allocated per folder, and nothing is overwritten without --force.
#include <filesystem>

#include <doctest/doctest.h>

#include "run.hpp"

namespace fs = std::filesystem;

namespace {
std::string minimal_case(const std::string& id) {
  return "id: " + id + "\ntitle: T\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\n";
}
}  // namespace

TEST_CASE("new prints a commented case that validates clean but for autopsy-pending") {
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({"new", "--account", "ACME123", "--title", "Exports time out: again", "--name", "ACME Corp",
                     "--segment", "enterprise", "--arr", "480000", "--opened", "2024-06-01"},
                    "", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("id: ESC-2024-0001\n") != std::string::npos);
  CHECK(r.out.find("title: \"Exports time out: again\"\n") != std::string::npos);
  CHECK(r.out.find("  name: ACME Corp\n  segment: enterprise\n  # region: EMEA\n  arr: 480000\n") != std::string::npos);
  CHECK(r.out.find("opened: 2024-06-01\n") != std::string::npos);
  CHECK(r.out.find("# `esc-autopsy review FILE` fills this in") != std::string::npos);
  auto v = e2e::run({"validate", "-"}, r.out, dir);
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("[autopsy-pending]") != std::string::npos);
  CHECK(v.out.find("0 errors and 1 warning") != std::string::npos);
}

TEST_CASE("new without the optional fields leaves them as commented examples") {
  auto r = e2e::run({"new", "--account", "A-1", "--title", "yes"}, "", e2e::temp_dir());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("title: \"yes\"\n") != std::string::npos);
  CHECK(r.out.find("  # name: ACME Corp\n") != std::string::npos);
  CHECK(r.out.find("  # arr: 480000") != std::string::npos);
  auto v = e2e::run({"validate", "-"}, r.out);
  CHECK(v.out.find("0 errors and 1 warning") != std::string::npos);
}

TEST_CASE("new refuses bad options with exit 2") {
  std::string dir = e2e::temp_dir();
  CHECK(e2e::run({"new", "--title", "T"}, "", dir).exit_code == 2);
  CHECK(e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2024-02-30"}, "", dir).exit_code == 2);
  CHECK(e2e::run({"new", "--account", "A", "--title", "T", "--arr", "480k"}, "", dir).exit_code == 2);
  CHECK(e2e::run({"new", "--account", "A", "--title", "T", "--id", "no spaces"}, "", dir).exit_code == 2);
}

TEST_CASE("new takes the next free ESC-YYYY-NNNN among the cases in the target folder") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/cases/a.yaml", minimal_case("ESC-2024-0001"));
  e2e::write_file(dir + "/cases/sub/b.yaml", minimal_case("ESC-2024-0007") + "---\n" + minimal_case("ESC-2023-0042"));
  e2e::write_file(dir + "/cases/c.yaml", minimal_case("ESC-2024-00x9"));
  auto r = e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2024-09-01", "-o", "cases"}, "", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir + "/cases/ESC-2024-0008.yaml"));
  CHECK(r.err.find("wrote cases/ESC-2024-0008.yaml") != std::string::npos);
  auto next = e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2024-09-02", "-o", "cases/"}, "", dir);
  CHECK(fs::exists(dir + "/cases/ESC-2024-0009.yaml"));
  auto year = e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2023-01-02"}, "", dir + "/cases");
  CHECK(year.out.find("id: ESC-2023-0043\n") != std::string::npos);
  auto fresh =
      e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2025-01-02", "-o", "new-folder/"}, "", dir);
  CHECK(fresh.exit_code == 0);
  CHECK(fs::exists(dir + "/new-folder/ESC-2025-0001.yaml"));
  auto taken = e2e::run({"new", "--account", "A", "--title", "T", "--id", "ESC-2024-0007", "-o", "cases/"}, "", dir);
  CHECK(taken.exit_code == 2);
  CHECK(taken.err.find("already used at cases/sub/b.yaml:1") != std::string::npos);
}

TEST_CASE("new never replaces a file without --force, and writes atomically") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/case.yaml", "keep me\n");
  auto refused = e2e::run({"new", "--account", "A", "--title", "T", "-o", "case.yaml"}, "", dir);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("case.yaml already exists; use --force") != std::string::npos);
  CHECK(e2e::read_file(dir + "/case.yaml") == "keep me\n");
  auto forced =
      e2e::run({"new", "--account", "A", "--title", "T", "-o", "case.yaml", "--force", "--id", "X-1"}, "", dir);
  CHECK(forced.exit_code == 0);
  CHECK(e2e::read_file(dir + "/case.yaml").find("id: X-1\n") != std::string::npos);
  // Regenerating a case with --force may keep its own id.
  auto again =
      e2e::run({"new", "--account", "A", "--title", "T2", "-o", "case.yaml", "--force", "--id", "X-1"}, "", dir);
  CHECK(again.exit_code == 0);
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    ++entries;
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
  CHECK(entries == 1);
  auto missing_dir = e2e::run({"new", "--account", "A", "--title", "T", "-o", "no/such/dir/case.yaml"}, "", dir);
  CHECK(missing_dir.exit_code == 2);
}

TEST_CASE("new --template renders a custom template with the same values") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/t.mustache",
                  "id: {{{id}}}\ntitle: {{{title}}}\naccount:\n  id: {{{account}}}\nopened: {{{opened}}}\n"
                  "outcome: open\n{{#has_arr}}# arr {{{arr}}}\n{{/has_arr}}causes: []\n");
  auto r = e2e::run(
      {"new", "--account", "A", "--title", "T", "--arr", "12.50", "--opened", "2024-03-04", "--template", "t.mustache"},
      "", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "id: ESC-2024-0001\ntitle: T\naccount:\n  id: A\nopened: 2024-03-04\noutcome: open\n# arr 12.5\ncauses: []\n");
  CHECK(r.err.empty());
  e2e::write_file(dir + "/broken.mustache", "id: {{{id}}}\n");
  auto warned = e2e::run({"new", "--account", "A", "--title", "T", "--template", "broken.mustache"}, "", dir);
  CHECK(warned.exit_code == 0);
  CHECK(warned.err.find("does not validate cleanly") != std::string::npos);
  CHECK(e2e::run({"new", "--account", "A", "--title", "T", "--template", "nope"}, "", dir).exit_code == 2);
}

TEST_CASE("new then review: the scaffold's comments all survive the review") {
  std::string dir = e2e::temp_dir();
  auto created = e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2024-06-01", "-o", "c.yaml"}, "", dir);
  REQUIRE(created.exit_code == 0);
  std::string before = e2e::read_file(dir + "/c.yaml");
  e2e::write_file(dir + "/answers.yaml", "bad-sale.overpromised: {confidence: likely}\n");
  auto r = e2e::run({"review", "c.yaml", "--answers", "answers.yaml"}, "", dir);
  REQUIRE(r.exit_code == 0);
  std::string after = e2e::read_file(dir + "/c.yaml");
  std::string replaced = "causes: []\n";
  std::size_t at = before.find(replaced);
  REQUIRE(at != std::string::npos);
  std::string inserted = "causes:\n  - code: bad-sale.overpromised\n    confidence: likely\n";
  CHECK(after == before.substr(0, at) + inserted + before.substr(at + replaced.size()));
  CHECK(e2e::run({"validate", "--strict", "c.yaml"}, "", dir).exit_code == 0);
}

TEST_CASE("new never picks an id taken by a file name or a file that does not load, nor suggests --force") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/cases/a.yaml", minimal_case("ESC-2024-0007"));
  // A real case whose name is the next id but whose id differs, and one that does not parse.
  std::string named = minimal_case("OTHER-1") + "summary: the real work\n";
  e2e::write_file(dir + "/cases/ESC-2024-0008.yaml", named);
  std::string broken = "id: ESC-2024-0011\ntitle: [unclosed\n";
  e2e::write_file(dir + "/cases/draft.yaml", broken);
  e2e::write_file(dir + "/cases/ESC-2024-0012.yml", "not: [valid\n");
  auto r = e2e::run({"new", "--account", "A", "--title", "T", "--opened", "2024-09-01", "-o", "cases/"}, "", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir + "/cases/ESC-2024-0013.yaml"));
  CHECK(r.err.find("--force") == std::string::npos);
  CHECK(e2e::read_file(dir + "/cases/ESC-2024-0008.yaml") == named);
  CHECK(e2e::read_file(dir + "/cases/draft.yaml") == broken);
  // An explicit id held by a file that does not load is refused, with where it is.
  auto taken = e2e::run({"new", "--account", "A", "--title", "T", "--id", "ESC-2024-0011", "-o", "cases/"}, "", dir);
  CHECK(taken.exit_code == 2);
  CHECK(taken.err.find("cases/draft.yaml (a file that does not load)") != std::string::npos);
}

TEST_CASE("new --force over a file named like an id may give the regenerated case that id again") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/ESC-2024-0001.yaml", "broken: [\n");
  auto r = e2e::run(
      {"new", "--account", "A", "--title", "T", "--opened", "2024-02-01", "-o", "ESC-2024-0001.yaml", "--force"}, "",
      dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(e2e::read_file(dir + "/ESC-2024-0001.yaml").find("id: ESC-2024-0001\n") != std::string::npos);
}
