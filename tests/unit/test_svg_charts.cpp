#include <regex>

#include <doctest/doctest.h>

#include <sstream>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/graph_render.hpp"
#include "esc/render/svg_charts.hpp"
#include "esc/render/xml_escape.hpp"

using namespace esc;

namespace {

const std::string k_evil = "<script>alert('x')</script> & \"q\" </svg>";

CaseRef evil_case(const std::string& opened) {
  return CaseRef{"E-1", k_evil, "EVIL", Date::parse(opened), std::nullopt, Outcome::open, {}};
}

// A small report with every chart's input, and hostile text wherever text is drawn.
Report sample() {
  Report r;
  r.options.as_of = *Date::parse("2025-06-30");
  r.categories.push_back({"cat", k_evil, 2, 2, 100});
  r.causes.push_back({"cat.a", k_evil, "cat", "sales", 2, 2, 480000, 2, 1, 1, 1, 0, 0, {}});
  r.causes.push_back({"cat.b", "B title", "cat", "sales", 2, 2, 480000, 0, 1, 1, 0, 0, 0, {}});
  r.causes.push_back({"cat.c", "C title", "cat", "sales", 1, 1, 1000, 0, 1, 0, 0, 0, 0, {}});
  r.links.push_back({"cat.a", "cat.b", 2, 2});
  r.links.push_back({"cat.b", "cat.c", 1, 1});
  r.links.push_back({"cat.a", "cat.c", 1, 1});  // spans two layers
  r.links.push_back({"cat.c", "cat.a", 1, 1});  // closes a loop
  r.trend.push_back({"2024-Q1", 2, {{"cat", 2}}});
  r.trend.push_back({"2024-Q2", 0, {}});
  r.trend.push_back({"2024-Q3", 1, {{"cat", 1}}});
  r.departments.push_back({"sales", k_evil, 2, 2, 2, 100, 1, 1, 1});
  RepeatAccount account{"EVIL", k_evil, 3, {"cat.a"}, true, Outcome::open, {}};
  r.case_refs = {evil_case("2024-01-02"), evil_case("2024-05-06"), evil_case("2025-02-03")};
  account.escalations = {0, 1, 2};
  r.repeat_accounts.push_back(account);
  FixStat fix;
  fix.code = "cat.a";
  fix.fixed = *Date::parse("2023-12-01");
  fix.cases_after = 2;
  fix.accounts_after = 1;
  fix.recurrences = {1, 2};
  fix.verdict = FixVerdict::did_not_hold;
  r.fixes.push_back(fix);
  r.severity.rated = 3;
  r.severity.inflated = 2;
  r.severity.matrix[0][2] = 2;
  r.severity.matrix[1][1] = 1;
  return r;
}

// A taxonomy whose only category is the sample's "cat" (title hostile too).
const Taxonomy& sample_taxonomy() {
  static const Taxonomy taxonomy = [] {
    Taxonomy t;
    TaxonomyEntry cat;
    cat.code = "cat";
    cat.title = k_evil;
    t.add_entry(cat);
    return t;
  }();
  return taxonomy;
}

std::vector<std::string> all_charts(const Report& r) {
  const Taxonomy& t = sample_taxonomy();
  return {svg_top_causes(r, t),   svg_trend(r, t),     svg_cause_graph(r, t), svg_departments(r),
          svg_repeat_accounts(r), svg_failed_fixes(r), svg_severity(r)};
}

}  // namespace

TEST_CASE("every chart is one sized, titled svg element with the text escaped") {
  std::regex head(
      R"re(^<svg xmlns="http://www.w3.org/2000/svg" width="([0-9.]+)" height="([0-9.]+)" viewBox="0 0 \1 \2" role="img"[^>]*><title>[^<]+</title><desc>[^<]+</desc>)re");
  for (const auto& svg : all_charts(sample())) {
    REQUIRE(!svg.empty());
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(svg, m, head), svg.substr(0, 200));
    CHECK(std::stod(m[1]) > 100);
    CHECK(std::stod(m[2]) > 50);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("</svg>") == svg.size() - 6);  // the hostile "</svg>" is escaped
    CHECK(svg.find("'x'") == std::string::npos);
  }
  CHECK(svg_top_causes(sample(), sample_taxonomy()).find("&lt;script&gt;alert(&apos;x&apos;)") != std::string::npos);
  CHECK(svg_repeat_accounts(sample()).find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("charts are deterministic and empty when there is nothing to draw") {
  CHECK(all_charts(sample()) == all_charts(sample()));
  for (const auto& svg : all_charts(Report{})) CHECK(svg.empty());
}

TEST_CASE("the cause graph marks the edge that closes a loop and routes long edges") {
  std::string graph = svg_cause_graph(sample(), default_taxonomy());
  CHECK(graph.find("stroke-dasharray") != std::string::npos);
  CHECK(graph.find("closes a loop") != std::string::npos);
  CHECK(graph.find("3 causes and 4 links") != std::string::npos);
}

TEST_CASE("the charts escape what XML 1.0 forbids: controls dropped and U+FFFE and U+FFFF replaced") {
  CHECK(escape_xml("a\x01"
                   "b\x1b[0m\tc\nd") == "ab[0m&#9;c&#10;d");
  CHECK(escape_xml("x\xEF\xBF\xBEy\xEF\xBF\xBFz caf\xC3\xA9 \xEF\xBF\xBD") ==
        "x\xEF\xBF\xBDy\xEF\xBF\xBDz caf\xC3\xA9 \xEF\xBF\xBD");
}

TEST_CASE("GraphML drops control characters from titles") {
  Report report;
  CauseStat cause;
  cause.code = "a.b";
  cause.title = "bell\x07 and escape\x1b[2J";
  cause.category = "a";
  report.causes.push_back(cause);
  std::ostringstream out;
  render_graph_graphml(out, report, default_taxonomy(), 1);
  CHECK(out.str().find("<data key=\"title\">bell and escape[2J</data>") != std::string::npos);
}
