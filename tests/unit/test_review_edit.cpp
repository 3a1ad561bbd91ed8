#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "esc/author/review_edit.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "review_helpers.hpp"

using namespace esc;
namespace fs = std::filesystem;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_file(const std::string& name, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / "esc-unit-review";
  fs::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

ReviewTarget open(const std::string& path, const std::string& selector = "") {
  std::vector<Diagnostic> diagnostics;
  std::string problem;
  auto target = open_review_target(path, selector, LoadLimits{}, diagnostics, problem);
  INFO(problem);
  REQUIRE(target);
  return *target;
}

std::string refusal(const std::string& path, const std::string& selector = "") {
  std::vector<Diagnostic> diagnostics;
  std::string problem;
  auto target = open_review_target(path, selector, LoadLimits{}, diagnostics, problem);
  CHECK_FALSE(target);
  return problem;
}

ReviewResult unchanged(const ReviewTarget& target) {
  ReviewResult r;
  r.outcome = ReviewResult::Outcome::confirmed;
  r.causes = initial_causes(target.original, default_taxonomy());
  return r;
}

// The text is `before + middle + after` where `middle` is all that differs.
void expect_only_between(const std::string& old_text, const std::string& new_text, const std::string& from,
                         const std::string& to) {
  std::size_t start = old_text.find(from);
  std::size_t end = old_text.find(to, start);
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  CHECK(new_text.compare(0, start, old_text, 0, start) == 0);
  std::size_t tail = old_text.size() - end;
  CHECK(new_text.compare(new_text.size() - tail, tail, old_text, end, tail) == 0);
}

}  // namespace

TEST_CASE("an unchanged review gives back the same bytes") {
  std::string path = std::string(ESC_SOURCE_DIR) + "/examples/cases/2024/ESC-2024-0003-acme-corp.yaml";
  ReviewTarget target = open(path);
  CHECK(apply_review(target, unchanged(target)) == target.text);
}

TEST_CASE("changing one cause rewrites only that item, the others keep their exact text") {
  std::string source = read(std::string(ESC_SOURCE_DIR) + "/examples/cases/2024/ESC-2024-0003-acme-corp.yaml");
  std::string path = temp_file("acme.yaml", source);
  ReviewTarget target = open(path);
  ReviewResult r = unchanged(target);
  REQUIRE(r.causes.size() == 4);
  r.causes[2].confidence = Confidence::confirmed;
  r.causes[2].evidence = "Problem record PRB-1: cache bug";
  ReviewedCause added;
  added.code = "rushed-onboarding.none";
  added.caused_by = {"missed-signals.usage-decline"};
  r.causes.push_back(added);
  std::string text = apply_review(target, r);
  expect_only_between(source, text, "  - code: support-closure-incentives.workaround-closure", "signals_missed:");
  CHECK(text.find("  - code: support-closure-incentives.workaround-closure\n"
                  "    confidence: confirmed\n"
                  "    evidence: \"Problem record PRB-1: cache bug\"\n"
                  "    caused_by: [support-closure-incentives.reactive-triage]\n"
                  "  - code: missed-signals.usage-decline\n"
                  "    confidence: confirmed\n"
                  "    evidence: Gainsight usage trend shows Reporting WAU down 35% from October to December 2023\n"
                  "  - code: rushed-onboarding.none\n"
                  "    confidence: suspected\n"
                  "    caused_by: [missed-signals.usage-decline]\n"
                  "signals_missed:") != std::string::npos);
  std::string problem;
  auto back = read_back(target, text, r, problem);
  INFO(problem);
  CHECK(back);
}

TEST_CASE("comments inside a changed or removed cause are kept") {
  std::string source =
      "# head\n"
      "id: C-1\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\n"
      "causes:   # from the March review\n"
      "  # the first one\n"
      "  - code: bad-sale.wrong-solution   # sold as live\n"
      "    # checked with the AE\n"
      "    confidence: likely\n"
      "    evidence: CRM-1   # opportunity notes\n"
      "  - code: product-flaw.defect  # gone\n"
      "\n"
      "# actions follow\n"
      "tags: [x]\n";
  std::string path = temp_file("comments.yaml", source);
  ReviewTarget target = open(path);
  ReviewResult r = unchanged(target);
  r.causes[0].confidence = Confidence::confirmed;
  r.causes.pop_back();
  std::string text = apply_review(target, r);
  CHECK(text ==
        "# head\n"
        "id: C-1\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\n"
        "causes:   # from the March review\n"
        "  # the first one\n"
        "    # checked with the AE\n"
        "  - code: bad-sale.wrong-solution   # sold as live\n"
        "    confidence: confirmed\n"
        "    evidence: CRM-1   # opportunity notes\n"
        "  # gone\n"
        "\n"
        "# actions follow\n"
        "tags: [x]\n");
}

TEST_CASE("CRLF files stay CRLF, and the byte-order mark stays") {
  std::string source =
      "\xEF\xBB\xBFid: C-1\r\ntitle: T\r\naccount: {id: ACC}\r\nopened: 2024-03-02\r\noutcome: open\r\n"
      "causes: []  # to do\r\ntags: [x]\r\n";
  std::string path = temp_file("crlf.yaml", source);
  ReviewTarget target = open(path);
  ReviewResult r = unchanged(target);
  ReviewedCause added;
  added.code = "bad-sale";
  added.evidence = "yes";
  r.causes.push_back(added);
  r.has_review = true;
  r.review_date = "2024-04-01";
  r.attendees = {"sales"};
  std::string text = apply_review(target, r);
  CHECK(text ==
        "\xEF\xBB\xBFid: C-1\r\ntitle: T\r\naccount: {id: ACC}\r\nopened: 2024-03-02\r\noutcome: open\r\n"
        "causes:  # to do\r\n  - code: bad-sale\r\n    confidence: suspected\r\n    evidence: \"yes\"\r\n"
        "tags: [x]\r\nreviewed:\r\n  date: 2024-04-01\r\n  attendees: [sales]\r\n");
  std::string problem;
  CHECK(read_back(target, text, r, problem));
}

TEST_CASE("in a file of several cases, only the chosen document changes") {
  std::string source = read(std::string(ESC_SOURCE_DIR) + "/examples/cases/2024/northwind-logistics.yaml");
  std::string path = temp_file("northwind.yaml", source);
  ReviewTarget first = open(path);
  CHECK(first.original.id.value == "ESC-2024-0006");
  ReviewTarget second = open(path, "ESC-2024-0014");
  CHECK(second.document == 1);
  CHECK(open(path, "2").document == 1);
  ReviewResult r = unchanged(second);
  r.causes[0].evidence = "PSA shows no onboarding project";
  std::string text = apply_review(second, r);
  std::size_t marker = source.find("\n---\n");
  CHECK(text.compare(0, marker, source, 0, marker) == 0);
  expect_only_between(source, text, "  - code: rushed-onboarding.none",
                      "  - code: support-closure-incentives.severity");
  CHECK(refusal(path, "3").find("holds 2 document(s)") != std::string::npos);
  CHECK(refusal(path, "ESC-9").find("no case `ESC-9`") != std::string::npos);
}

TEST_CASE("files review cannot edit safely are refused with a reason") {
  CHECK(
      refusal(temp_file("flow.yaml", "{id: C-1, title: T, account: {id: A}, opened: 2024-01-01}\n")).find("column 1") !=
      std::string::npos);
  CHECK(refusal(temp_file("bad.yaml", "id: [\n")).find("does not read cleanly") != std::string::npos);
  CHECK(refusal(temp_file("typo.yaml",
                          "id: C\ntitle: T\naccount: {id: A}\nopened: 2024-01-01\ncauses:\n  - code: bad-sale\n"
                          "    evidense: typo\n"))
            .find("fix these findings") != std::string::npos);
  CHECK(refusal(temp_file("none.yaml", "# nothing yet\n")).find("holds no case") != std::string::npos);
  CHECK(refusal(temp_file("list.yaml", "- a\n- b\n")).find("not a case") != std::string::npos);
}

TEST_CASE("a rewritten reviewed block keeps its comments") {
  std::string source =
      "id: C-1\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\n"
      "reviewed:   # the March meeting\n"
      "  # minutes in the wiki\n"
      "  date: 2024-03-14   # rescheduled once\n"
      "  attendees: [sales]  # CS was on leave\n"
      "tags: [x]\n";
  std::string path = temp_file("reviewed.yaml", source);
  ReviewTarget target = open(path);
  ReviewResult r = unchanged(target);
  r.has_review = true;
  r.review_date = "2024-03-14";
  r.attendees = {"sales", "customer-success"};
  CHECK(apply_review(target, r) ==
        "id: C-1\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\n"
        "reviewed:   # the March meeting\n"
        "  # minutes in the wiki\n"
        "  date: 2024-03-14   # rescheduled once\n"
        "  attendees: [sales, customer-success]  # CS was on leave\n"
        "tags: [x]\n");
}

TEST_CASE("an action whose cause was removed is re-pointed or dropped in place") {
  std::string source =
      "id: C-1\ntitle: T\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\ncauses:\n"
      "  - code: bad-sale.overpromised\n  - code: product-flaw.defect\n"
      "actions:\n  # the sales fix\n  - action: Train the team\n    owner: sales\n    cause: bad-sale.overpromised  # "
      "why\n"
      "  - action: Fix it\n    owner: engineering\n    cause: product-flaw.defect\n"
      "tags: [x]\n";
  ReviewTarget target = open(temp_file("actions.yaml", source));
  ReviewResult r = unchanged(target);
  r.causes.erase(r.causes.begin());
  r.action_fixes = {{0, "product-flaw.defect"}};
  std::string text = apply_review(target, r);
  CHECK(text.find("  # the sales fix\n  - action: Train the team\n    owner: sales\n"
                  "    cause: product-flaw.defect  # why\n  - action: Fix it\n") != std::string::npos);
  CHECK(text.find("tags: [x]\n") != std::string::npos);
  std::string problem;
  CHECK(read_back(target, text, r, problem));
  r.action_fixes = {{0, ""}};
  text = apply_review(target, r);
  CHECK(text.find("actions:\n  - action: Fix it\n") != std::string::npos);
  CHECK(text.find("Train the team") == std::string::npos);
  CHECK(read_back(target, text, r, problem));
  r.action_fixes = {{0, ""}, {1, ""}};
  r.causes.clear();
  text = apply_review(target, r);
  CHECK(text.find("actions: []\ntags: [x]\n") != std::string::npos);
  CHECK(read_back(target, text, r, problem));
}
