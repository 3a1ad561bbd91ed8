// Suppression comments in case files, each form, through the real binary.
#include <doctest/doctest.h>

#include "run.hpp"

namespace {

const char* k_head = "id: S-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\n";

std::string validate_text(const std::string& body, int* exit_code = nullptr) {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/case.yaml", std::string(k_head) + body);
  auto r = e2e::run({"validate", "case.yaml"}, "", dir);
  if (exit_code) *exit_code = r.exit_code;
  return r.out;
}

}  // namespace

TEST_CASE("disable=RULE on the finding's line silences it, and the summary counts it") {
  int code = -1;
  std::string out = validate_text(
      "causes:\n  - code: product-flaw.defekt  # esc-autopsy: disable=unknown-cause -- code from the 2022 taxonomy\n",
      &code);
  INFO(out);
  CHECK(code == 0);
  CHECK(out.find("[unknown-cause]") == std::string::npos);
  CHECK(out.find("1 finding suppressed") != std::string::npos);
}

TEST_CASE("a suppression alone on its line covers the next line") {
  int code = -1;
  std::string out = validate_text(
      "causes:\n  # esc-autopsy: disable=unknown-cause -- legacy code\n  - code: product-flaw.defekt\n", &code);
  CHECK(code == 0);
  CHECK(out.find("[unknown-cause]") == std::string::npos);
}

TEST_CASE("disable-file silences a rule everywhere in the file, several rules at once") {
  int code = -1;
  std::string out = validate_text(
      "# esc-autopsy: disable-file=unknown-cause,unknown-key -- imported from the old tracker\n"
      "causes: [{code: a.b}, {code: c.d}]\nlegacy_id: 77\n",
      &code);
  INFO(out);
  CHECK(code == 0);
  CHECK(out.find("3 findings suppressed") != std::string::npos);
}

TEST_CASE("a suppression without a reason is bad-suppression and silences nothing") {
  int code = -1;
  std::string out = validate_text("causes:\n  - code: a.b  # esc-autopsy: disable=unknown-cause\n", &code);
  CHECK(code == 1);
  CHECK(out.find("case.yaml:6:16: warning: the suppression gives no reason; a reason is required [bad-suppression]") !=
        std::string::npos);
  CHECK(out.find("[unknown-cause]") != std::string::npos);
}

TEST_CASE("a suppression that silences nothing is unused-suppression at the rule's position") {
  int code = -1;
  std::string out = validate_text(
      "causes:\n  - code: product-flaw.defect  # esc-autopsy: disable=no-evidence,unknown-cause -- pending\n", &code);
  INFO(out);
  CHECK(code == 0);
  CHECK(out.find("case.yaml:6:55: warning: the suppression of `no-evidence` silences nothing on line 6 "
                 "[unused-suppression]") != std::string::npos);
  CHECK(out.find("`unknown-cause` silences nothing") != std::string::npos);
}

TEST_CASE("an unknown rule in a suppression gets did-you-mean") {
  std::string out = validate_text("causes:\n  - code: a.b  # esc-autopsy: disable=unknown-caus -- x\n");
  CHECK(out.find("unknown rule `unknown-caus` in a suppression [bad-suppression]") != std::string::npos);
  CHECK(out.find("did you mean `unknown-cause`?") != std::string::npos);
}

TEST_CASE("suppressions work on standard input and in machine formats") {
  std::string input = std::string(k_head) + "causes: [{code: a.b}]  # esc-autopsy: disable=unknown-cause -- demo\n";
  auto r = e2e::run({"validate", "--format", "github", "-"}, input);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("1 finding suppressed") != std::string::npos);
}
