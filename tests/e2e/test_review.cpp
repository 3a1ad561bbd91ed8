// `review` without a terminal: --answers, --dry-run, line-mode pipes, and the
// promise that only the causes:/reviewed: blocks of the file change.
#include <sys/stat.h>
#include <filesystem>

#include <doctest/doctest.h>

#include "run.hpp"

namespace fs = std::filesystem;

namespace {

std::string copy_example(const std::string& relative, const std::string& dir, const std::string& name) {
  std::string path = dir + "/" + name;
  e2e::write_file(path, e2e::read_file(e2e::source_path(relative)));
  return path;
}

const char* k_answers =
    "product-flaw.defect:\n"
    "  confidence: confirmed\n"
    "  evidence: \"Crash reproduced on iOS 17.4: MOB-311\"\n"
    "rushed-onboarding.no-oversight:\n"
    "  answer: unsure\n"
    "  caused_by: [product-flaw.defect]\n"
    "reviewed:\n"
    "  date: 2024-05-20\n"
    "  attendees: [engineering, customer-success]\n";

const char* k_appended =
    "causes:\n"
    "  - code: product-flaw.defect\n"
    "    confidence: confirmed\n"
    "    evidence: \"Crash reproduced on iOS 17.4: MOB-311\"\n"
    "  - code: rushed-onboarding.no-oversight\n"
    "    confidence: suspected\n"
    "    caused_by: [product-flaw.defect]\n"
    "reviewed:\n"
    "  date: 2024-05-20\n"
    "  attendees: [engineering, customer-success]\n";

}  // namespace

TEST_CASE("review --answers adds the causes and the review, and the case then validates clean") {
  std::string dir = e2e::temp_dir();
  std::string original = e2e::read_file(e2e::source_path("examples/broken/autopsy-pending.yaml"));
  std::string path = copy_example("examples/broken/autopsy-pending.yaml", dir, "case.yaml");
  e2e::write_file(dir + "/answers.yaml", k_answers);
  auto r = e2e::run({"review", "case.yaml", "--answers", "answers.yaml"}, "", dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("+ add product-flaw.defect (confirmed, owner engineering") != std::string::npos);
  CHECK(r.out.find("Wrote case.yaml.") != std::string::npos);
  CHECK(e2e::read_file(path) == original + k_appended);
  auto v = e2e::run({"validate", "--strict", "case.yaml"}, "", dir);
  CHECK(v.exit_code == 0);
  for (const auto& entry : fs::directory_iterator(dir))  // no temporary file left behind
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("review --dry-run prints the new file and leaves the case untouched") {
  std::string dir = e2e::temp_dir();
  std::string original = e2e::read_file(e2e::source_path("examples/broken/autopsy-pending.yaml"));
  std::string path = copy_example("examples/broken/autopsy-pending.yaml", dir, "case.yaml");
  e2e::write_file(dir + "/answers.yaml", k_answers);
  auto r = e2e::run({"review", "case.yaml", "--answers", "answers.yaml", "--dry-run"}, "", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == original + k_appended);
  CHECK(r.err.find("Changes to case.yaml") != std::string::npos);
  CHECK(e2e::read_file(path) == original);
}

TEST_CASE("every byte outside the changed cause stays identical, comments and CRLF included") {
  std::string source = e2e::read_file(e2e::source_path("examples/cases/2024/ESC-2024-0003-acme-corp.yaml"));
  for (bool crlf : {false, true}) {
    CAPTURE(crlf);
    std::string original = source;
    if (crlf) {
      original.clear();
      for (char c : source) original += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    std::string dir = e2e::temp_dir();
    e2e::write_file(dir + "/acme.yaml", original);
    e2e::write_file(dir + "/answers.yaml",
                    "support-closure-incentives.workaround-closure:\n  confidence: confirmed\n"
                    "  evidence: \"Problem record PRB-88: cache-busting bug # found later\"\n");
    auto r = e2e::run({"review", "acme.yaml", "--answers", "answers.yaml"}, "", dir);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::string edited = e2e::read_file(dir + "/acme.yaml");
    std::string nl = crlf ? "\r\n" : "\n";
    std::string item_start = "  - code: support-closure-incentives.workaround-closure" + nl;
    std::size_t start = original.find(item_start);
    std::size_t end = original.find("  - code: missed-signals.usage-decline");
    REQUIRE(start != std::string::npos);
    CHECK(edited.compare(0, start, original, 0, start) == 0);
    std::size_t tail = original.size() - end;
    CHECK(edited.compare(edited.size() - tail, tail, original, end, tail) == 0);
    CHECK(edited.substr(start, edited.size() - tail - start) ==
          item_start + "    confidence: confirmed" + nl +
              "    evidence: \"Problem record PRB-88: cache-busting bug # found later\"" + nl +
              "    caused_by: [support-closure-incentives.reactive-triage]" + nl);
  }
}

TEST_CASE("review --document edits one case of a multi-case file and nothing else") {
  std::string dir = e2e::temp_dir();
  std::string original = e2e::read_file(e2e::source_path("examples/cases/2024/northwind-logistics.yaml"));
  copy_example("examples/cases/2024/northwind-logistics.yaml", dir, "nw.yaml");
  e2e::write_file(dir + "/answers.yaml", "missed-signals.no-health-monitoring:\n  confidence: likely\n");
  auto r = e2e::run({"review", "nw.yaml", "--document", "2", "--answers", "answers.yaml"}, "", dir);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string edited = e2e::read_file(dir + "/nw.yaml");
  std::size_t second = original.find("\n---\n");
  CHECK(edited.compare(0, second, original, 0, second) == 0);
  std::size_t insert_at = original.find("actions:\n  - action: Support-process session");
  CHECK(edited.substr(insert_at, 80).find("  - code: missed-signals.no-health-monitoring\n    confidence: likely\n") ==
        0);
  // Without --document and nobody at the keyboard, a multi-case file is refused, not its first case edited.
  std::string before = e2e::read_file(dir + "/nw.yaml");
  auto unnamed = e2e::run({"review", "nw.yaml", "--answers", "answers.yaml"}, "", dir);
  CHECK(unnamed.exit_code == 2);
  CHECK(unnamed.err.find("nw.yaml holds 2 cases; say which one to review with --document N") != std::string::npos);
  CHECK(e2e::read_file(dir + "/nw.yaml") == before);
  auto piped = e2e::run({"review", "nw.yaml"}, "y\n", dir);
  CHECK(piped.exit_code == 2);
  CHECK(e2e::read_file(dir + "/nw.yaml") == before);
  auto bad = e2e::run({"review", "nw.yaml", "--document", "3", "--dry-run"}, "", dir);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("holds 2 document(s)") != std::string::npos);
}

TEST_CASE("through a pipe, each answer is a line, q and end of input write nothing") {
  std::string dir = e2e::temp_dir();
  std::string original = e2e::read_file(e2e::source_path("examples/broken/autopsy-pending.yaml"));
  std::string path = copy_example("examples/broken/autopsy-pending.yaml", dir, "case.yaml");
  auto quit = e2e::run({"review", "case.yaml"}, "y\nq\ny\n", dir);
  CHECK(quit.exit_code == 1);
  CHECK(quit.out.find("Quit without writing? The 1 answer given so far will be lost") != std::string::npos);
  CHECK(quit.out.find("Quit: nothing written") != std::string::npos);
  auto first = e2e::run({"review", "case.yaml"}, "q\n", dir);  // nothing answered yet: no question
  CHECK(first.out.find("Quit without writing?") == std::string::npos);
  CHECK(first.out.find("Quit: nothing written") != std::string::npos);
  auto eof = e2e::run({"review", "case.yaml"}, "n\nn\n", dir);
  CHECK(eof.exit_code == 1);
  CHECK(eof.out.find("End of input: nothing written") != std::string::npos);
  auto declined = e2e::run({"review", "case.yaml"}, "y\ny\nl\n\n\nn\nn\nn\nn\nn\nn\nn\n\nn\n", dir);
  CHECK(declined.exit_code == 1);
  CHECK(e2e::read_file(path) == original);

  // bad-sale yes, wrong-solution yes, confirmed, evidence, owner kept; back once; no to the rest.
  std::string keys = "y\ny\nc\nCRM-5521 opportunity notes\n\nb\n\nn\nn\nn\nn\nn\nn\nn\nsales 5\n2024-05-20\ny\n";
  auto r = e2e::run({"review", "case.yaml"}, keys, dir);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[1/6] Bad sale (bad-sale, owner sales)") != std::string::npos);
  CHECK(r.out.find("[y/N/u/s/b/q/?] yes") != std::string::npos);
  CHECK(e2e::read_file(path) == original +
                                    "causes:\n  - code: bad-sale.wrong-solution\n    confidence: confirmed\n"
                                    "    evidence: CRM-5521 opportunity notes\n"
                                    "reviewed:\n  date: 2024-05-20\n  attendees: [sales, customer-success]\n");
}

TEST_CASE("review keeps the file's permissions and writes through a symbolic link") {
  std::string dir = e2e::temp_dir();
  std::string path = copy_example("examples/broken/autopsy-pending.yaml", dir, "real.yaml");
  ::chmod(path.c_str(), 0640);
  fs::create_symlink("real.yaml", dir + "/link.yaml");
  e2e::write_file(dir + "/answers.yaml", k_answers);
  auto r = e2e::run({"review", "link.yaml", "--answers", "answers.yaml"}, "", dir);
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(dir + "/link.yaml"));
  CHECK(e2e::read_file(path).find("reviewed:") != std::string::npos);
  struct stat info {};
  ::stat(path.c_str(), &info);
  CHECK((info.st_mode & 0777) == 0640);
}

TEST_CASE("bad answers files and cycles are refused, and nothing is written") {
  std::string dir = e2e::temp_dir();
  std::string original = e2e::read_file(e2e::source_path("examples/cases/2024/ESC-2024-0003-acme-corp.yaml"));
  copy_example("examples/cases/2024/ESC-2024-0003-acme-corp.yaml", dir, "acme.yaml");
  e2e::write_file(dir + "/typo.yaml", "product-flaw.defekt: yes\n");
  auto typo = e2e::run({"review", "acme.yaml", "--answers", "typo.yaml"}, "", dir);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("typo.yaml:1:1: error: unknown cause code `product-flaw.defekt` [unknown-cause]") !=
        std::string::npos);
  CHECK(typo.err.find("did you mean `product-flaw.defect`?") != std::string::npos);
  e2e::write_file(dir + "/cycle.yaml",
                  "support-closure-incentives.severity-gaming:\n"
                  "  caused_by: [support-closure-incentives.workaround-closure]\n");
  auto cycle = e2e::run({"review", "acme.yaml", "--answers", "cycle.yaml"}, "", dir);
  CHECK(cycle.exit_code == 2);
  CHECK(cycle.err.find("would close a cycle") != std::string::npos);
  CHECK(e2e::read_file(dir + "/acme.yaml") == original);
  auto none = e2e::run({"review", "acme.yaml", "--answers", "/dev/null"}, "", dir);
  CHECK(none.exit_code == 0);
  CHECK(none.out.find("No changes") != std::string::npos);
  CHECK(e2e::read_file(dir + "/acme.yaml") == original);
}

TEST_CASE("files review cannot edit safely are refused with exit 2") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/flow.yaml", "{id: C-1, title: T, account: {id: A}, opened: 2024-01-01, outcome: open}\n");
  auto flow = e2e::run({"review", "flow.yaml", "--dry-run"}, "", dir);
  CHECK(flow.exit_code == 2);
  CHECK(flow.err.find("column 1") != std::string::npos);
  auto stdin_case = e2e::run({"review", "-"}, "", dir);
  CHECK(stdin_case.exit_code == 2);
  auto missing = e2e::run({"review", "missing.yaml"}, "", dir);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot read missing.yaml") != std::string::npos);
}

TEST_CASE("review --answers: `code: no` removes the cause and adds nothing in its place") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/case.yaml",
                  "id: C-1\ntitle: T\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\ncauses:\n"
                  "  - code: bad-sale.overpromised\n    confidence: likely\n");
  e2e::write_file(dir + "/answers.yaml", "bad-sale.overpromised: no\n");
  auto r = e2e::run({"review", "case.yaml", "--answers", "answers.yaml"}, "", dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("- remove bad-sale.overpromised") != std::string::npos);
  CHECK(r.out.find("+ add") == std::string::npos);
  std::string after = e2e::read_file(dir + "/case.yaml");
  CHECK(after.find("bad-sale") == std::string::npos);
  CHECK(after.find("causes: []\n") != std::string::npos);
}

TEST_CASE("review --answers refuses to remove a cause an action names, and says which") {
  std::string dir = e2e::temp_dir();
  std::string original =
      "id: C-1\ntitle: T\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\ncauses:\n"
      "  - code: bad-sale.overpromised\n    confidence: likely\n  - code: product-flaw.defect\n    confidence: likely\n"
      "actions:\n  - action: Train the team\n    owner: sales\n    cause: bad-sale.overpromised\n";
  e2e::write_file(dir + "/case.yaml", original);
  e2e::write_file(dir + "/answers.yaml", "bad-sale.overpromised: no\n");
  auto r = e2e::run({"review", "case.yaml", "--answers", "answers.yaml"}, "", dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("the action \"Train the team\" (line 12) names bad-sale.overpromised, which these answers "
                   "remove") != std::string::npos);
  CHECK(e2e::read_file(dir + "/case.yaml") == original);
  CHECK(e2e::run({"validate", "case.yaml"}, "", dir).exit_code == 0);
}

TEST_CASE("review through a pipe re-points an action whose cause is removed, and the file validates") {
  std::string dir = e2e::temp_dir();
  std::string original =
      "id: C-1\ntitle: T\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\ncauses:\n"
      "  - code: bad-sale.overpromised\n    confidence: likely\n  - code: product-flaw.defect\n    confidence: likely\n"
      "actions:\n  - action: Train the team\n    owner: sales\n    cause: bad-sale.overpromised  # the pitch\n";
  e2e::write_file(dir + "/case.yaml", original);
  // bad-sale: no; product-flaw: yes, defect: yes (defaults kept), its siblings no; the other categories: no;
  // the action: 1 (product-flaw.defect); no attendees; write.
  std::string keys = "n\ny\ny\n\n\n\nn\nn\nn\n\n\n\n\n1\n\ny\n";
  auto r = e2e::run({"review", "case.yaml"}, keys, dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("action \"Train the team\" names bad-sale.overpromised, which this review removes") !=
        std::string::npos);
  CHECK(r.out.find("~ action \"Train the team\": cause bad-sale.overpromised -> product-flaw.defect") !=
        std::string::npos);
  std::string after = e2e::read_file(dir + "/case.yaml");
  CHECK(after.find("    cause: product-flaw.defect  # the pitch\n") != std::string::npos);
  CHECK(after.find("overpromised") == std::string::npos);
  CHECK(e2e::run({"validate", "case.yaml"}, "", dir).exit_code == 0);
}
