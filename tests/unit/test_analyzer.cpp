#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "esc/analyze/analyzer.hpp"
#include "esc/load/case_loader.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/report_render.hpp"
#include "esc/validate/validator.hpp"

namespace {

// The JSON report of `report`, the most complete rendering of it.
std::string json_of(const esc::Report& report) {
  std::ostringstream out;
  esc::render_report_json(out, report);
  return out.str();
}

}  // namespace

TEST_SUITE("analyzer") {
  TEST_CASE("digests built while loading give the report whole cases give") {
    // Every fixture at once: aliases, loops, fixes, filters' inputs.
    const std::vector<std::string> paths{std::string(ESC_SOURCE_DIR) + "/examples",
                                         std::string(ESC_SOURCE_DIR) + "/tests/cases/analysis"};
    const esc::Taxonomy& taxonomy = esc::default_taxonomy();
    esc::CaseSet whole = esc::load_case_set(paths, esc::LoadOptions{});
    esc::validate_case_set(whole, taxonomy, esc::ValidationPolicy{});
    std::vector<const esc::Case*> cases;
    for (const auto& c : whole.cases)
      if (!c.has_errors) cases.push_back(&c);
    REQUIRE(cases.size() > 30);

    esc::LoadOptions digesting;  // as report does: checked, digested, then trimmed
    digesting.check = [&taxonomy](const esc::Case& c, int index, const std::string& file,
                                  std::vector<esc::Diagnostic>& out) {
      esc::check_case(c, index, file, taxonomy, out);
    };
    digesting.keep = esc::CaseDetail::analysis;
    digesting.digest = &taxonomy;
    esc::CaseSet trimmed = esc::load_case_set(paths, digesting);
    esc::validate_case_set(trimmed, taxonomy, esc::ValidationPolicy{});
    std::vector<const esc::CaseDigest*> digests;
    for (const auto& d : trimmed.digests)
      if (!d.source->has_errors) digests.push_back(&d);
    REQUIRE(digests.size() == cases.size());

    for (const char* tag : {"", "churn"}) {
      CAPTURE(tag);
      esc::AnalysisOptions options;
      options.as_of = *esc::Date::parse("2025-06-30");
      if (*tag) options.tags = {tag};
      std::string expected = json_of(esc::analyze(cases, taxonomy, options, whole.cases.size() - cases.size()));
      CHECK(expected.find("\"reach\"") != std::string::npos);  // cause statistics, not an empty report
      CHECK(json_of(esc::analyze(digests, *trimmed.strings, taxonomy, options,
                                 trimmed.cases.size() - digests.size())) == expected);
    }
  }
}
