#include <doctest/doctest.h>

#include "esc/author/scaffold.hpp"
#include "review_helpers.hpp"

using namespace esc;

TEST_CASE("next_case_id continues the year's highest number and never reuses a gap") {
  CHECK(next_case_id(2024, {}) == "ESC-2024-0001");
  CHECK(next_case_id(2024, {"ESC-2024-0001", "ESC-2024-0007", "ESC-2023-0099", "ESC-2024-x", "OTHER"}) ==
        "ESC-2024-0008");
  CHECK(next_case_id(2024, {"ESC-2024-9999"}) == "ESC-2024-10000");
  CHECK(next_case_id(2025, {"ESC-2024-0003"}) == "ESC-2025-0001");
}

TEST_CASE("amounts are plain numbers, normalised") {
  CHECK(normalise_amount("480000") == "480000");
  CHECK(normalise_amount("480000.0") == "480000");
  CHECK(normalise_amount("12.50") == "12.5");
  CHECK_FALSE(normalise_amount("-5"));
  CHECK_FALSE(normalise_amount("1e6"));
  CHECK_FALSE(normalise_amount("480k"));
  CHECK_FALSE(normalise_amount(""));
}

TEST_CASE("the built-in template renders a case with YAML-quoted values") {
  NewCase values;
  values.id = "ESC-2024-0042";
  values.title = "Reporting down: renewal at risk";
  values.account = "007";
  values.segment = "enterprise";
  values.opened = *Date::parse("2024-03-02");
  auto text = render_case_template(default_case_template(), values, *Date::parse("2024-03-03"));
  REQUIRE(text);
  CHECK(text->find("title: \"Reporting down: renewal at risk\"\n") != std::string::npos);
  CHECK(text->find("  id: \"007\"\n") != std::string::npos);
  CHECK(text->find("  # name: ACME Corp\n") != std::string::npos);
  CHECK(text->find("  segment: enterprise\n") != std::string::npos);
  Case c = test::case_from(*text);
  CHECK(c.id.value == "ESC-2024-0042");
  CHECK(c.account.id.value == "007");
  CHECK(c.has_causes_key);
  CHECK(c.is_open());
  CHECK_FALSE(render_case_template("{{#has_name}}never closed", values, values.opened));
}
