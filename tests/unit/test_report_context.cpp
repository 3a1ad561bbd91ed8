#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "context_check.hpp"
#include "esc/analyze/analyzer.hpp"
#include "esc/load/case_loader.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/report_context.hpp"
#include "esc/render/report_template.hpp"
#include "esc/render/template_check.hpp"
#include "esc/validate/validator.hpp"

using namespace esc;

namespace {

// The examples plus a loop, so that every list of the context has items.
Report full_report() {
  static CaseSet set = [] {
    CaseSet s = load_case_set({std::string(ESC_SOURCE_DIR) + "/examples/cases",
                               std::string(ESC_SOURCE_DIR) + "/tests/cases/analysis/loop-across-cases/cases"},
                              LoadOptions{});
    validate_case_set(s, default_taxonomy(), ValidationPolicy{});
    return s;
  }();
  std::vector<const Case*> cases;
  for (const auto& c : set.cases)
    if (!c.has_errors) cases.push_back(&c);
  AnalysisOptions options;
  options.as_of = *Date::parse("2025-06-30");
  return analyze(cases, default_taxonomy(), options);
}

}  // namespace

TEST_CASE("the template context has exactly the documented keys") {
  Report report = full_report();
  REQUIRE(!report.loops.empty());
  // A baseline with other filters, one cause fewer and one gone since, so that its lists have items.
  ReportSnapshot then = snapshot_of(report);
  then.filters.until = "2025-03-31";
  then.causes.erase(then.causes.begin());
  then.causes.push_back(SnapshotItem{"gone.code", "Gone", {{"cases", 1}, {"accounts", 1}, {"arr", 0}}});
  report.baseline = compare_to_baseline(then, snapshot_of(report), "old.json");
  context_check::check_keys(build_report_context(report, default_taxonomy()), report_context_schema());
}

TEST_CASE("markdown escaping keeps case text inside its table cell") {
  CHECK(markdown_escape("a | b") == "a \\| b");
  CHECK(markdown_escape("<script>*x*_y_[z](u) `c` $1 & ~s~ #h @me") ==
        "\\<script\\>\\*x\\*\\_y\\_\\[z\\](u) \\`c\\` \\$1 \\& \\~s\\~ \\#h \\@me");
  CHECK(markdown_escape("two\nlines\r\n") == "two lines  ");
  CHECK(markdown_escape("- item") == "\\- item");
  CHECK(markdown_escape("12. point") == "12\\. point");
  CHECK(markdown_escape("bad-sale.wrong-solution") == "bad-sale.wrong-solution");
}

TEST_CASE("html escaping also covers the characters mustache leaves alone") {
  CHECK(html_escape("<a href='x' onclick=`y`>&/") ==
        "&lt;a href&#61;&#39;x&#39; onclick&#61;&#96;y&#96;&gt;&amp;&#x2F;");
}

TEST_CASE("a broken template throws before anything is written") {
  std::ostringstream out;
  Report report;
  CHECK_THROWS_AS(render_report_template(out, report, default_taxonomy(), TemplateFormat::html, "t", "{{#causes}}"),
                  TemplateError);
  CHECK(out.str().empty());
}

TEST_CASE("the report man page documents every variable of the template context") {
  std::ifstream in(std::string(ESC_SOURCE_DIR) + "/man/esc-autopsy-report.1");
  std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(page.find(".SH TEMPLATE CONTEXT") != std::string::npos);
  page = page.substr(page.find(".SH TEMPLATE CONTEXT"));
  context_check::check_documented(page, report_context_schema());
}

TEST_CASE("the mermaid graph cannot close its code fence") {
  Taxonomy taxonomy = default_taxonomy();
  Report report;
  report.causes.push_back(
      {"bad-sale.wrong-solution", "Wrong\n```\n<b>\"x\"", "bad-sale", "sales", 1, 1, 0, 1, 0, 0, 1, 0, 0, {}});
  report.causes.push_back({"bad-sale.overpromised", "B", "bad-sale", "sales", 1, 1, 0, 0, 0, 0, 0, 0, 0, {}});
  report.links.push_back({"bad-sale.wrong-solution", "bad-sale.overpromised", 1, 1});
  auto context = build_report_context(report, taxonomy);
  std::string mermaid = boost::get<std::string>(context["mermaid"]);
  CHECK(mermaid.find("Wrong #96;#96;#96; #lt;b#gt;#quot;x#quot;") != std::string::npos);
  CHECK(mermaid.find('`') == std::string::npos);
  CHECK(mermaid.find("\n ") != std::string::npos);
}

TEST_CASE("a long list is shown as its top 10 then up to 40 more and a count of the rest") {
  Report report;
  for (int i = 0; i < 63; ++i)
    report.causes.push_back({fmt::format("bad-sale.c{:02}", i),
                             fmt::format("Cause {}", i),
                             "bad-sale",
                             "sales",
                             1,
                             1,
                             0,
                             1,
                             0,
                             0,
                             1,
                             0,
                             0,
                             {}});
  auto context = build_report_context(report, default_taxonomy());
  auto& view = boost::get<mstch::map>(context["causes_view"]);
  auto& parts = boost::get<mstch::array>(view["parts"]);
  REQUIRE(parts.size() == 2);
  auto& top = boost::get<mstch::map>(parts[0]);
  auto& more = boost::get<mstch::map>(parts[1]);
  CHECK_FALSE(boost::get<bool>(top["is_more"]));
  CHECK(boost::get<bool>(more["is_more"]));
  auto& top_rows = boost::get<mstch::array>(top["rows"]);
  auto& more_rows = boost::get<mstch::array>(more["rows"]);
  CHECK(top_rows.size() == 10);
  CHECK(more_rows.size() == 40);
  CHECK(boost::get<std::string>(more["count"]) == "40");
  // The rows keep their order: the 11th cause opens the second part.
  CHECK(boost::get<std::string>(boost::get<mstch::map>(top_rows[0])["code"]) == "bad-sale.c00");
  CHECK(boost::get<std::string>(boost::get<mstch::map>(more_rows[0])["code"]) == "bad-sale.c10");
  CHECK(boost::get<bool>(view["has_rest"]));
  CHECK(boost::get<std::string>(view["rest"]) == "13");
  // The full list stays for templates of one's own.
  CHECK(boost::get<mstch::array>(context["causes"]).size() == 63);

  Report small;
  small.causes.assign(report.causes.begin(), report.causes.begin() + 4);
  auto small_context = build_report_context(small, default_taxonomy());
  auto& small_view = boost::get<mstch::map>(small_context["causes_view"]);
  CHECK(boost::get<mstch::array>(small_view["parts"]).size() == 1);
  CHECK_FALSE(boost::get<bool>(small_view["has_rest"]));
}

TEST_CASE("the rendered report puts the 40 more rows behind details and names the CSV table for the rest") {
  Report report;
  for (int i = 0; i < 55; ++i)
    report.causes.push_back({fmt::format("bad-sale.c{:02}", i),
                             fmt::format("Cause {}", i),
                             "bad-sale",
                             "sales",
                             1,
                             1,
                             0,
                             1,
                             0,
                             0,
                             1,
                             0,
                             0,
                             {}});
  report.summary.cases = 55;
  std::ostringstream html, md;
  for (auto [out, format] :
       {std::pair<std::ostringstream*, TemplateFormat>{&html, TemplateFormat::html}, {&md, TemplateFormat::markdown}})
    render_report_template(*out, report, default_taxonomy(), format, builtin_template_name(format),
                           builtin_template(format));
  for (const std::string& out : {html.str(), md.str()}) {
    INFO(out.substr(0, 200));
    auto details = out.find("<details><summary>40 more causes</summary>");
    REQUIRE(details != std::string::npos);
    CHECK(out.find("Cause 9") < details);
    CHECK(out.find("Cause 10") > details);
    CHECK(out.find("Cause 49") < out.find("</details>", details));
    CHECK(out.find("Cause 50") == std::string::npos);
    CHECK(out.find("5 more") != std::string::npos);
    CHECK(out.find("--table causes") != std::string::npos);
  }
}

TEST_CASE("a zero headline figure is not painted in the alarm colour") {
  auto render = [](const Report& report) {
    std::ostringstream out;
    render_report_template(out, report, default_taxonomy(), TemplateFormat::html,
                           builtin_template_name(TemplateFormat::html), builtin_template(TemplateFormat::html));
    return out.str();
  };
  Report calm;
  calm.summary.cases = 1;
  calm.summary.arr_retained = 100000;
  std::string html = render(calm);
  CHECK(html.find("<div class=\"kpi\"><b>$0</b><span>ARR lost") != std::string::npos);
  CHECK(html.find("kpi alert") == std::string::npos);
  Report lost = calm;
  lost.summary.arr_churned = 250000;
  html = render(lost);
  CHECK(html.find("<div class=\"kpi alert\"><b>$250k</b><span>ARR lost") != std::string::npos);
  CHECK(html.find("<div class=\"kpi\"><b>$0</b><span>ARR at risk") != std::string::npos);
}

TEST_CASE("a template that reads a list only through its view gets only the rows the view shows") {
  CHECK(lists_read_only_through_views(builtin_template(TemplateFormat::html)).size() == 8);
  CHECK(lists_read_only_through_views(builtin_template(TemplateFormat::markdown)).size() == 8);
  auto mine = lists_read_only_through_views("{{#causes}}{{title}}{{/causes}}{{# pairs }}{{/ pairs }}");
  CHECK(mine.count("causes") == 0);
  CHECK(mine.count("pairs") == 0);
  CHECK(mine.count("chains") == 1);

  Report report;
  for (int i = 0; i < 70; ++i)
    report.causes.push_back({fmt::format("bad-sale.c{:02}", i),
                             fmt::format("Cause {}", i),
                             "bad-sale",
                             "sales",
                             1,
                             1,
                             0,
                             1,
                             0,
                             0,
                             1,
                             0,
                             0,
                             {}});
  auto cut = build_report_context(report, default_taxonomy(), {"causes"});
  CHECK(boost::get<mstch::array>(cut["causes"]).size() == 50);
  auto& view = boost::get<mstch::map>(cut["causes_view"]);
  CHECK(boost::get<std::string>(view["rest"]) == "20");  // counted from the report, not the rows held
  auto whole = build_report_context(report, default_taxonomy());
  CHECK(boost::get<mstch::array>(whole["causes"]).size() == 70);

  std::ostringstream out;  // a user's template that lists every cause still gets all 70
  render_report_template(out, report, default_taxonomy(), TemplateFormat::html, "mine.html",
                         "{{#causes}}[{{code}}]{{/causes}}");
  CHECK(out.str().find("[bad-sale.c69]") != std::string::npos);
}

TEST_CASE("the mermaid graph draws at most 20 links and says how many it left out") {
  Report report;
  for (int i = 0; i < 30; ++i) {
    report.causes.push_back({fmt::format("bad-sale.c{:02}", i),
                             fmt::format("Cause {}", i),
                             "bad-sale",
                             "sales",
                             1,
                             1,
                             0,
                             1,
                             0,
                             0,
                             1,
                             0,
                             0,
                             {}});
    if (i > 0)
      report.links.push_back({fmt::format("bad-sale.c{:02}", i - 1), fmt::format("bad-sale.c{:02}", i), 1,
                              static_cast<std::size_t>(i)});  // link i has i accounts
  }
  auto context = build_report_context(report, default_taxonomy());
  std::string mermaid = boost::get<std::string>(context["mermaid"]);
  std::size_t arrows = 0;
  for (auto at = mermaid.find("-->"); at != std::string::npos; at = mermaid.find("-->", at + 1)) ++arrows;
  CHECK(arrows == 20);  // the links with 10..29 accounts
  CHECK(mermaid.find("-->|10|") != std::string::npos);
  CHECK(mermaid.find("-->|9|") == std::string::npos);
  CHECK(boost::get<std::string>(context["mermaid_note"]) ==
        "Only the strongest 20 of 29 links are drawn (those at 10 or more accounts); all of them: esc-autopsy graph "
        "--format mermaid, or --format csv --table links.");
  report.links.resize(20);
  auto small = build_report_context(report, default_taxonomy());
  CHECK(boost::get<std::string>(small["mermaid_note"]).empty());
}
