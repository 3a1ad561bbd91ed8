#include <doctest/doctest.h>

#include <fmt/format.h>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/validate/validator.hpp"
#include "test_support.hpp"

TEST_CASE("check_cases on a large set finds exactly what check_case finds case by case, in the same order") {
  std::string yaml;
  for (int i = 0; i < 6000; ++i)
    yaml += fmt::format(
        "---\nid: P-{}\ntitle: t\naccount: {{id: A{}}}\nopened: 2024-01-0{}\nclosed: 2024-01-01\n"
        "causes: [{{code: {}, confidence: confirmed}}, {{code: rushed-onboarding, caused_by: [nope]}}]\n",
        i, i % 7, 1 + i % 3, i % 5 ? "bad-sale" : "bad-sail");
  auto built = test_support::build(yaml);
  REQUIRE(built.cases.size() == 6000);
  esc::CaseSet set;
  set.files.push_back({});
  set.files[0].path = "big.yaml";
  set.cases.append_block(std::move(built.cases));
  const esc::Taxonomy& taxonomy = esc::default_taxonomy();
  std::vector<esc::Diagnostic> one_by_one;
  for (std::size_t i = 0; i < set.cases.size(); ++i)
    esc::check_case(set.cases[i], static_cast<int>(i), "big.yaml", taxonomy, one_by_one);
  std::vector<esc::Diagnostic> all;
  esc::check_cases(set, taxonomy, all);
  REQUIRE(all.size() == one_by_one.size());
  CHECK(all.size() > 6000 * 3);
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].case_index == one_by_one[i].case_index);
    CHECK(all[i].rule == one_by_one[i].rule);
    CHECK(all[i].message == one_by_one[i].message);
  }
}
