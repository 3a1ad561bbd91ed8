#include <doctest/doctest.h>

#include "run.hpp"

TEST_CASE("--version names the tool and exits 0") {
  auto r = e2e::run({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("esc-autopsy 0.") == 0);
}

TEST_CASE("an unknown option is a usage error with exit 2") {
  auto r = e2e::run({"validate", "--no-such-option", "examples/cases"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("the examples validate clean") {
  auto r = e2e::run({"validate", "--strict", "examples/cases"});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("no problems found") != std::string::npos);
}
