#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

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

std::set<std::string> g_filled;  // list paths seen with items

// Every key the context has is in the schema and every schema key is in the context.
void compare(const mstch::node& node, const ContextKey& key, const std::string& path) {
  INFO(path);
  switch (key.kind) {
    case ContextKey::Kind::value:
      CHECK((boost::get<std::string>(&node) || boost::get<bool>(&node)));
      break;
    case ContextKey::Kind::string_list: {
      auto list = boost::get<mstch::array>(&node);
      REQUIRE(list);
      if (!list->empty()) g_filled.insert(path);
      for (const auto& item : *list) CHECK(boost::get<std::string>(&item));
      break;
    }
    case ContextKey::Kind::map:
    case ContextKey::Kind::list: {
      std::vector<const mstch::map*> maps;
      if (key.kind == ContextKey::Kind::map) {
        maps.push_back(boost::get<mstch::map>(&node));
      } else {
        auto list = boost::get<mstch::array>(&node);
        REQUIRE(list);
        if (!list->empty()) g_filled.insert(path);
        for (const auto& item : *list) maps.push_back(boost::get<mstch::map>(&item));
      }
      for (const mstch::map* map : maps) {
        REQUIRE(map);
        CHECK(map->size() == key.children.size());
        for (const auto& child : key.children) {
          auto it = map->find(child.name);
          REQUIRE_MESSAGE(it != map->end(), std::string(path + "." + child.name + " is missing"));
          compare(it->second, child, path + "." + child.name);
        }
      }
      break;
    }
  }
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
  ContextKey root{"", ContextKey::Kind::map, false, parse_context_schema(report_context_schema())};
  compare(build_report_context(report, default_taxonomy()), root, "context");
  // Each list had items somewhere, so its keys were checked.
  std::function<void(const std::vector<ContextKey>&, const std::string&)> lists = [&](const auto& keys,
                                                                                      const std::string& path) {
    for (const auto& k : keys) {
      if (k.kind == ContextKey::Kind::list || k.kind == ContextKey::Kind::string_list)
        CHECK_MESSAGE(g_filled.count(path + "." + k.name), std::string(path + "." + k.name + " never had items"));
      lists(k.children, path + "." + k.name);
    }
  };
  lists(root.children, "context");
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
  std::function<void(const std::vector<ContextKey>&, const std::string&)> walk = [&](const auto& keys,
                                                                                     const std::string& prefix) {
    for (const auto& k : keys) {
      std::string path = prefix + k.name;
      if (k.kind == ContextKey::Kind::map)
        walk(k.children, path + ".");
      else if (k.kind == ContextKey::Kind::list)
        walk(k.children, path + "[].");
      else
        CHECK_MESSAGE(
            page.find(".B " + path + (k.kind == ContextKey::Kind::string_list ? "[]" : "") + "\n") != std::string::npos,
            path);
    }
  };
  walk(parse_context_schema(report_context_schema()), "");
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
