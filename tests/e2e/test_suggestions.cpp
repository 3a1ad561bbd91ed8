// Did-you-mean where edit distance alone misses: department initials and
// letter case, bare severities, old dotted codes, day-first dates, and
// mistyped subcommands and options.
#include <doctest/doctest.h>

#include "run.hpp"

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("case values get suggestions by shape") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/s.yaml",
                  "id: C-1\ntitle: t\naccount: {id: A}\nopened: 15/10/2024\noutcome: at-risk\n"
                  "severity: {claimed: 1}\nactions:\n  - {action: x, owner: CS}\n  - {action: y, owner: Sales}\n"
                  "causes:\n  - code: support.severity-gaming\n");
  auto r = e2e::run({"validate", "s.yaml"}, "", dir);
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "write `2024-10-15` (dates are YYYY-MM-DD)"));
  CHECK(contains(r.out, "did you mean `sev1`?"));
  CHECK(contains(r.out, "did you mean `customer-success`?"));
  CHECK(contains(r.out, "did you mean `sales`?"));
  CHECK(contains(r.out, "did you mean `support-closure-incentives.severity-gaming`?"));
}

TEST_CASE("a mistyped subcommand or option gets a did-you-mean line and exit 2") {
  auto command = e2e::run({"reprot", "cases"});
  CHECK(command.exit_code == 2);
  CHECK(contains(command.err, "esc-autopsy: reprot: did you mean `report`?"));
  auto option = e2e::run({"validate", "--formt", "json", "examples/cases"});
  CHECK(option.exit_code == 2);
  CHECK(contains(option.err, "esc-autopsy: --formt: did you mean `--format`?"));
  auto global = e2e::run({"--taxonomy", "grpah", "grpah", "x"});
  CHECK(contains(global.err, "grpah: did you mean `graph`?"));
  auto nothing = e2e::run({"zzzzzz"});
  CHECK(nothing.exit_code == 2);
  CHECK_FALSE(contains(nothing.err, "did you mean"));
}
