// Issue 15: charts that do not mislead. These tests read the SVG text back:
// positions against the viewBox, colours against the backgrounds they sit on.
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../../src/render/svg.hpp"  // text_width: the estimate the layout promises to respect
#include "esc/analyze/analyzer.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/report_render.hpp"
#include "esc/render/svg_charts.hpp"
#include "test_support.hpp"

using namespace esc;

namespace {

// --- reading the SVG back -------------------------------------------------

std::map<std::string, std::string> attributes(const std::string& tag) {
  std::map<std::string, std::string> out;
  static const std::regex attr(R"re(([a-z-]+)="([^"]*)")re");
  for (std::sregex_iterator it(tag.begin(), tag.end(), attr), end; it != end; ++it) out[(*it)[1]] = (*it)[2];
  return out;
}

std::string unescape(std::string s) {
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    for (std::size_t at = s.find(entity); at != std::string::npos; at = s.find(entity, at + c.size()))
      s.replace(at, entity.size(), c);
  return s;
}

struct Shape {
  bool is_text = false;
  std::map<std::string, std::string> attr;
  std::string content;  // text only, unescaped
  double num(const std::string& key, double fallback = 0) const {
    auto it = attr.find(key);
    return it == attr.end() ? fallback : std::stod(it->second);
  }
  std::string fill() const {
    auto it = attr.find("fill");
    return it == attr.end() ? "#1f2933" : it->second;  // the <svg> element's fill
  }
};

struct Svg {
  double width = 0, height = 0;
  std::vector<Shape> shapes;  // <rect> and <text>, in drawing order
};

Svg parse(const std::string& svg) {
  Svg out;
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex(R"re(viewBox="0 0 ([0-9.]+) ([0-9.]+)")re")));
  out.width = std::stod(m[1]);
  out.height = std::stod(m[2]);
  static const std::regex shape(R"re(<(rect|text)\b([^>]*?)/?>(?:([^<]*)</text>)?)re");
  for (std::sregex_iterator it(svg.begin(), svg.end(), shape), end; it != end; ++it) {
    Shape s;
    s.is_text = (*it)[1] == "text";
    s.attr = attributes((*it)[2]);
    s.content = unescape((*it)[3]);
    out.shapes.push_back(s);
  }
  return out;
}

struct Box {
  double left, right, top, bottom;
};

Box extent(const Shape& t) {
  double size = t.num("font-size", 12);
  double w = svg::text_width(t.content, size) * (t.attr.count("font-weight") ? 1.08 : 1.0);
  std::string anchor = t.attr.count("text-anchor") ? t.attr.at("text-anchor") : "start";
  double left = t.num("x") - (anchor == "middle" ? w / 2 : anchor == "end" ? w : 0);
  return {left, left + w, t.num("y") - 0.8 * size, t.num("y") + 0.25 * size};
}

// --- colour arithmetic, independent of the library's ---------------------

std::array<double, 3> rgb(const std::string& hex) {
  REQUIRE_MESSAGE(std::regex_match(hex, std::regex("#[0-9a-f]{6}")), hex);
  return {std::stoi(hex.substr(1, 2), nullptr, 16) / 255.0, std::stoi(hex.substr(3, 2), nullptr, 16) / 255.0,
          std::stoi(hex.substr(5, 2), nullptr, 16) / 255.0};
}

double luminance(const std::array<double, 3>& c) {
  auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

double ratio(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The colour behind a text: every rect drawn before it that holds the text's
// middle, painted over white with its fill-opacity.
std::array<double, 3> background(const Svg& svg, std::size_t text_index) {
  const Shape& t = svg.shapes[text_index];
  Box box = extent(t);
  double cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
  std::array<double, 3> bg{1, 1, 1};
  for (std::size_t i = 0; i < text_index; ++i) {
    const Shape& r = svg.shapes[i];
    if (r.is_text || r.fill() == "none") continue;
    if (cx < r.num("x") || cx > r.num("x") + r.num("width") || cy < r.num("y") || cy > r.num("y") + r.num("height"))
      continue;
    double a = r.num("fill-opacity", 1);
    auto c = rgb(r.fill());
    for (int k = 0; k < 3; ++k) bg[k] = a * c[k] + (1 - a) * bg[k];
  }
  return bg;
}

// --- reports to draw --------------------------------------------------------

const std::string k_long =
    "An extraordinarily long cause title that goes on and on about integrations, promises, timelines and the "
    "many meetings where nobody wrote anything down, ending here";

CaseRef ref(const std::string& id, const std::string& opened, std::optional<Outcome> outcome,
            const std::string& closed = "") {
  return CaseRef{id,      k_long, "ACME", Date::parse(opened), closed.empty() ? std::nullopt : Date::parse(closed),
                 outcome, {}};
}

// Big numbers, long names and many quarters wherever a chart draws text.
Report stress() {
  Report r;
  r.options.as_of = *Date::parse("2025-06-30");
  const auto& t = default_taxonomy();
  for (const char* cat : {"bad-sale", "product-flaw", "missed-signals"})
    r.categories.push_back({cat, t.find(cat)->title, 9999, 9999, 1.2e12});
  r.causes.push_back(
      {"product-flaw.defect", k_long, "product-flaw", "engineering", 123456, 123456, 1.2e12, 1, 1, 99999, 1, 0, 0, {}});
  r.causes.push_back({"bad-sale.overpromised", "Short", "bad-sale", "sales", 3, 3, 1000, 0, 0, 0, 0, 0, 0, {}});
  r.causes.push_back({"missed-signals.usage-decline",
                      "No churn",
                      "missed-signals",
                      "customer-success",
                      2,
                      2,
                      5,
                      0,
                      0,
                      0,
                      0,
                      0,
                      0,
                      {}});
  for (int y = 2020; y <= 2025; ++y)
    for (int q = 1; q <= (y == 2025 ? 2 : 4); ++q) {
      std::size_t cases = q == 2 && y == 2021 ? 0 : 12345 + static_cast<std::size_t>(y * q);
      TrendPoint p{std::to_string(y) + "-Q" + std::to_string(q), cases, {}};
      if (cases > 0) p.categories = {{"bad-sale", cases / 3}, {"product-flaw", cases}, {"missed-signals", 1}};
      r.trend.push_back(p);
    }
  r.departments.push_back({"engineering", "Department of Extremely Long Names and Bureaucratic Overhead International",
                           9999, 2, 2, 100, 0, 0, 0});
  r.departments.push_back({"sales", "Sales", 1, 1, 1, 100, 3, 1, 9999});
  r.case_refs = {ref("A-1", "2021-01-02", Outcome::churned, "2021-02-01"),
                 ref("A-2", "2022-05-06", Outcome::downgraded, "2022-06-01"),
                 ref("A-3", "2023-02-03", Outcome::retained, "2023-03-01"),
                 ref("A-4", "2024-02-03", Outcome::at_risk, "2024-03-01"),
                 ref("A-5", "2025-01-03", Outcome::open),
                 ref("A-6", "2025-04-03", std::nullopt)};
  RepeatAccount account{"ACME",
                        "Acme Worldwide Holdings Incorporated of Very Long Names (EMEA) Limited",
                        123456,
                        {"product-flaw.defect"},
                        true,
                        Outcome::churned,
                        {0, 1, 2, 3, 4, 5}};
  r.repeat_accounts.push_back(account);
  FixStat fix;
  fix.code = "product-flaw.defect";
  fix.fixed = *Date::parse("2021-06-01");
  fix.cases_after = 123456;
  fix.accounts_after = 98765;
  fix.recurrences = {1, 2, 3};
  fix.verdict = FixVerdict::did_not_hold;
  r.fixes.push_back(fix);
  r.severity.rated = 99999;
  r.severity.matrix = {{{99999, 0, 5, 0}, {0, 77777, 0, 1}, {3, 0, 0, 0}, {0, 0, 0, 12345}}};
  return r;
}

// The charts this issue owns (the cause graph is another's).
std::map<std::string, std::string> charts(const Report& r) {
  const Taxonomy& t = default_taxonomy();
  return {{"causes", svg_top_causes(r, t)},     {"causes narrow", svg_top_causes(r, t, 10, true)},
          {"trend", svg_trend(r, t)},           {"departments", svg_departments(r)},
          {"accounts", svg_repeat_accounts(r)}, {"fixes", svg_failed_fixes(r)},
          {"severity", svg_severity(r)}};
}

// The fill of the first rect after a <title> that contains `tooltip_part`.
std::string fill_after_tooltip(const std::string& svg, const std::string& tooltip_part) {
  std::size_t at = svg.find(tooltip_part);
  REQUIRE_MESSAGE(at != std::string::npos, tooltip_part);
  std::smatch m;
  std::string rest = svg.substr(at);
  REQUIRE(std::regex_search(rest, m, std::regex(R"re(<rect [^>]*fill="(#[0-9a-f]{6})")re")));
  return m[1];
}

std::size_t category_index(const std::string& code) {
  std::size_t i = 0;
  for (const auto& e : default_taxonomy().entries())
    if (e.parent < 0) {
      if (e.code == code) return i;
      ++i;
    }
  FAIL("no category " << code);
  return 0;
}

}  // namespace

TEST_SUITE("svg honest") {
  TEST_CASE("every text of every chart lies inside its viewBox") {
    for (const auto& [name, text] : charts(stress())) {
      CAPTURE(name);
      REQUIRE(!text.empty());
      Svg svg = parse(text);
      std::size_t texts = 0;
      for (const auto& s : svg.shapes) {
        if (!s.is_text) continue;
        ++texts;
        CAPTURE(s.content);
        Box b = extent(s);
        CHECK(b.left >= -0.5);
        CHECK(b.right <= svg.width + 0.5);
        CHECK(b.top >= -0.5);
        CHECK(b.bottom <= svg.height + 0.5);
      }
      CHECK(texts > 3);
    }
  }

  TEST_CASE("long names are cut in the middle with the whole name as a tooltip") {
    std::string departments = svg_departments(stress());
    CHECK(
        departments.find("<title>Department of Extremely Long Names and Bureaucratic Overhead International</title>") !=
        std::string::npos);
    CHECK(std::regex_search(departments, std::regex("<text[^>]*>Depart[^<]*…[^<]*nal</text>")));
    std::string accounts = svg_repeat_accounts(stress());
    CHECK(std::regex_search(accounts, std::regex("<text[^>]*>Acme [^<]*…[^<]*Limited</text>")));
  }

  TEST_CASE("every text has at least 4.5 to 1 contrast on what it sits on") {
    for (const auto& [name, text] : charts(stress())) {
      CAPTURE(name);
      Svg svg = parse(text);
      for (std::size_t i = 0; i < svg.shapes.size(); ++i) {
        if (!svg.shapes[i].is_text) continue;
        CAPTURE(svg.shapes[i].content);
        CAPTURE(svg.shapes[i].fill());
        CHECK(ratio(rgb(svg.shapes[i].fill()), background(svg, i)) >= 4.5);
      }
    }
    // Text that would sit on a category colour has a colour reaching 4.5:1,
    // and ink and muted text reach it on every category's tint (the cause
    // graph's boxes): ten categories use the whole palette and the repeat.
    for (const auto& color : svg::category_palette()) {
      CAPTURE(color);
      CHECK(ratio(rgb(svg::text_on(color)), rgb(color)) >= 4.5);
    }
    Taxonomy ten;
    for (int i = 0; i < 10; ++i) {
      TaxonomyEntry e;
      e.code = "c" + std::to_string(i);
      e.title = e.code;
      ten.add_entry(e);
    }
    svg::Palette palette(ten);
    REQUIRE(palette.categories().size() == 10);
    for (const auto& code : palette.categories()) {
      CAPTURE(palette.tint(code));
      CHECK(ratio(rgb(svg::k_muted), rgb(palette.tint(code))) >= 4.5);
      CHECK(ratio(rgb(svg::k_ink), rgb(palette.tint(code))) >= 4.5);
    }
  }

  TEST_CASE("a category has the colour of its taxonomy position in every report") {
    // Two reports with different category sets: product-flaw keeps its colour.
    Report a, b;
    a.causes.push_back({"bad-sale.overpromised", "Overpromised", "bad-sale", "sales", 2, 2, 10, 0, 0, 0, 0, 0, 0, {}});
    a.causes.push_back({"product-flaw.defect", "Defect", "product-flaw", "engineering", 1, 1, 5, 0, 0, 0, 0, 0, 0, {}});
    b.causes.push_back(
        {"missed-signals.usage-decline", "Decline", "missed-signals", "cs", 4, 4, 10, 0, 0, 0, 0, 0, 0, {}});
    b.causes.push_back({"product-flaw.defect", "Defect", "product-flaw", "engineering", 1, 1, 5, 0, 0, 0, 0, 0, 0, {}});
    a.trend.push_back({"2024-Q1", 2, {{"bad-sale", 2}, {"product-flaw", 1}}});
    b.trend.push_back({"2024-Q1", 2, {{"missed-signals", 2}, {"product-flaw", 1}}});
    const Taxonomy& t = default_taxonomy();
    const std::string expected = svg::category_palette()[category_index("product-flaw")];
    for (const Report* r : {&a, &b}) {
      CHECK(fill_after_tooltip(svg_top_causes(*r, t), "(product-flaw.defect)") == expected);
      CHECK(fill_after_tooltip(svg_trend(*r, t), "2024-Q1 Product flaw: 1 of 2 cases") == expected);
    }
    CHECK(fill_after_tooltip(svg_top_causes(a, t), "(bad-sale.overpromised)") ==
          svg::category_palette()[category_index("bad-sale")]);
    CHECK(fill_after_tooltip(svg_top_causes(b, t), "(missed-signals.usage-decline)") ==
          svg::category_palette()[category_index("missed-signals")]);
    // Distinct colours for the default taxonomy's categories.
    std::set<std::string> colors;
    for (const auto& e : t.entries())
      if (e.parent < 0) colors.insert(svg::Palette(t).color(e.code));
    CHECK(colors.size() == category_index("missed-signals") + 1);
    // The cause graph too: a link between two product-flaw causes is drawn in
    // product-flaw's colour whatever else the report holds.
    Report c;  // product-flaw alone (colouring by the report's own categories would give it the first colour)
    c.causes.push_back({"product-flaw.defect", "Defect", "product-flaw", "engineering", 1, 1, 5, 0, 0, 0, 0, 0, 0, {}});
    REQUIRE(expected != svg::category_palette()[0]);
    for (Report* r : {&a, &b, &c}) {
      r->causes.push_back(
          {"product-flaw.design", "Design", "product-flaw", "engineering", 1, 1, 5, 0, 0, 0, 0, 0, 0, {}});
      r->links.push_back({"product-flaw.defect", "product-flaw.design", 1, 1});
      std::string graph = svg_cause_graph(*r, t);
      CHECK(graph.find("stroke=\"" + expected + "\"") != std::string::npos);
    }
  }

  TEST_CASE("the trend chart labels its axis and shows an empty quarter as 0") {
    Report r;
    r.options.as_of = *Date::parse("2024-12-31");
    r.trend = {{"2024-Q1", 3, {{"product-flaw", 3}}}, {"2024-Q2", 0, {}}, {"2024-Q3", 1, {{"bad-sale", 1}}}};
    std::string svg = svg_trend(r, default_taxonomy());
    CHECK(svg.find(">cases opened</text>") != std::string::npos);
    CHECK(svg.find("<title>2024-Q2: 0 cases opened</title>") != std::string::npos);
    CHECK(std::regex_search(svg, std::regex("<title>2024-Q2: 0 cases opened</title><text [^>]*>0</text>")));
    CHECK(svg.find(">2024-Q2</text>") != std::string::npos);
    // Shares: product-flaw 3 of 3 in Q1, bad-sale 1 of 1 in Q3; nothing for Q2's empty quarter.
    CHECK(svg.find("2024-Q1 Product flaw: 3 of 3 cases (100%)") != std::string::npos);
    CHECK(svg.find("2024-Q2 Product flaw") == std::string::npos);
    // The columns count cases: Q1's column is three times Q3's.
    std::smatch q1, q3;
    REQUIRE(std::regex_search(svg, q1, std::regex("2024-Q1: 3 cases opened</title><rect [^>]*height=\"([0-9.]+)\"")));
    REQUIRE(std::regex_search(svg, q3, std::regex("2024-Q3: 1 case opened</title><rect [^>]*height=\"([0-9.]+)\"")));
    CHECK(std::stod(q1[1]) == doctest::Approx(3 * std::stod(q3[1])).epsilon(0.01));
  }

  TEST_CASE("the category rows of the trend share one scale of the quarter's cases") {
    Report r;
    r.options.as_of = *Date::parse("2024-12-31");
    // Q1: 4 cases, product-flaw in 4 (100%), bad-sale in 1 (25%); Q2: 2 cases, bad-sale in 1 (50%).
    r.trend = {{"2024-Q1", 4, {{"product-flaw", 4}, {"bad-sale", 1}}}, {"2024-Q2", 2, {{"bad-sale", 1}}}};
    std::string svg = svg_trend(r, default_taxonomy());
    auto height = [&](const std::string& tooltip) {
      std::smatch m;
      std::regex re(tooltip + "</title><rect [^>]*height=\"([0-9.]+)\"");
      REQUIRE_MESSAGE(std::regex_search(svg, m, re), tooltip);
      return std::stod(m[1]);
    };
    double full = height("2024-Q1 Product flaw: 4 of 4 cases \\(100%\\)");
    CHECK(height("2024-Q1 Bad sale: 1 of 4 cases \\(25%\\)") == doctest::Approx(full / 4).epsilon(0.05));
    CHECK(height("2024-Q2 Bad sale: 1 of 2 cases \\(50%\\)") == doctest::Approx(full / 2).epsilon(0.05));
    CHECK(svg.find("0 to 100%") != std::string::npos);
  }

  TEST_CASE("the trend analysis keeps empty quarters and no quarter after the as-of date") {
    auto built = test_support::build(
        "id: T-1\ntitle: a\naccount: {id: A}\nopened: 2024-01-10\ncauses:\n  - code: product-flaw.defect\n"
        "    confidence: likely\n  - code: bad-sale.overpromised\n    confidence: likely\n"
        "---\nid: T-2\ntitle: b\naccount: {id: B}\nopened: 2024-08-01\ncauses:\n  - code: product-flaw.defect\n"
        "    confidence: likely\n"
        "---\nid: T-3\ntitle: c\naccount: {id: C}\nopened: 2025-02-01\ncauses:\n  - code: product-flaw.defect\n"
        "    confidence: likely\n");
    REQUIRE(built.cases.size() == 3);
    std::vector<const Case*> cases;
    for (const auto& c : built.cases) cases.push_back(&c);
    AnalysisOptions options;
    options.as_of = *Date::parse("2024-12-31");
    Report r = analyze(cases, default_taxonomy(), options, 0);
    REQUIRE(r.trend.size() == 3);
    CHECK(r.trend[0].quarter == "2024-Q1");
    CHECK(r.trend[0].cases == 1);  // cites two categories, counted once
    CHECK(r.trend[0].categories.at("product-flaw") == 1);
    CHECK(r.trend[0].categories.at("bad-sale") == 1);
    CHECK(r.trend[1].quarter == "2024-Q2");
    CHECK(r.trend[1].cases == 0);
    CHECK(r.trend[1].categories.empty());
    CHECK(r.trend[2].quarter == "2024-Q3");
    CHECK(r.trend[2].cases == 1);
    std::ostringstream json;
    render_report_json(json, r);
    CHECK(json.str().find("\"quarter\": \"2024-Q2\",\n      \"cases\": 0,") != std::string::npos);
    CHECK(json.str().find("2025-Q1") == std::string::npos);
    CHECK(svg_trend(r, default_taxonomy()).find("2025-Q1") == std::string::npos);
  }

  TEST_CASE("the trend chart draws no quarter after the as-of date even if the report has one") {
    Report r;
    r.options.as_of = *Date::parse("2024-06-30");
    r.trend = {{"2024-Q2", 2, {{"product-flaw", 2}}}, {"2024-Q3", 5, {{"product-flaw", 5}}}};
    std::string svg = svg_trend(r, default_taxonomy());
    CHECK(svg.find("2024-Q2") != std::string::npos);
    CHECK(svg.find("2024-Q3") == std::string::npos);
  }

  TEST_CASE("outcomes are told by marker shape and a legend as well as colour") {
    std::set<std::string> shapes;
    for (std::optional<Outcome> o :
         {std::optional<Outcome>(Outcome::open), std::optional<Outcome>(Outcome::at_risk),
          std::optional<Outcome>(Outcome::retained), std::optional<Outcome>(Outcome::downgraded),
          std::optional<Outcome>(Outcome::churned), std::optional<Outcome>()}) {
      // The marker with every colour blanked out: what is left is its shape.
      shapes.insert(std::regex_replace(svg::outcome_marker(o, 50, 50), std::regex("#[0-9a-f]{6}"), "#"));
    }
    CHECK(shapes.size() == 6);
    std::string accounts = svg_repeat_accounts(stress());
    for (const char* label : {"open", "at risk", "retained", "downgraded", "churned", "no outcome"})
      CHECK(accounts.find(std::string(">") + label + "</text>") != std::string::npos);
    // The churned escalation is drawn as a cross, the retained one as a disc.
    CHECK(accounts.find(svg::outcome_marker(Outcome::churned, 0, 0).substr(0, 8)) != std::string::npos);
    CHECK(accounts.find("l10 10m0 -10l-10 10") != std::string::npos);
  }

  TEST_CASE("a fix with a thousand recurrences is drawn as a few dots that say how many they stand for") {
    Report r = stress();
    r.fixes[0].recurrences.clear();
    for (int i = 0; i < 1000; ++i) {
      Date opened{2021 + i / 300, 1 + (i / 25) % 12, 1 + i % 25};
      r.case_refs.push_back(ref("R-" + std::to_string(i), opened.to_string(), Outcome::open));
      r.fixes[0].recurrences.push_back(static_cast<CaseRefIndex>(r.case_refs.size() - 1));
    }
    std::string svg = svg_failed_fixes(r);
    std::size_t dots = 0, standing_for = 0;
    static const std::regex dot(R"re(<title>(?:(\d+) later cases opened [^<]*|[^<]*)</title><circle )re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), dot), end; it != end; ++it) {
      ++dots;
      standing_for += (*it)[1].matched ? std::stoul((*it)[1]) : 1;
    }
    CHECK(dots <= 60);            // at most one per 8 px of the time axis
    CHECK(standing_for == 1000);  // every recurrence is counted by exactly one dot
    CHECK(svg.size() < 20 * 1024);
  }

  TEST_CASE("the department bars share one scale") {
    std::string svg = svg_departments(stress());
    static const std::regex bar(R"re(<rect [^>]*width="([0-9.]+)"[^>]*/><text [^>]*>([0-9]+)</text>)re");
    std::vector<double> per_unit;
    std::size_t bars = 0;
    for (std::sregex_iterator it(svg.begin(), svg.end(), bar), end; it != end; ++it) {
      ++bars;
      double width = std::stod((*it)[1]), value = std::stod((*it)[2]);
      CHECK(width >= 2);  // a nonzero count stays visible
      if (width > 2) per_unit.push_back(width / value);
    }
    CHECK(svg.find("a full-width bar is 9999") != std::string::npos);
    CHECK(bars == 5);               // engineering: causes; sales: causes, open, overdue, missed
    REQUIRE(per_unit.size() == 2);  // the two 9999s; the 1s and the 3 are at the 2 px minimum
    for (double p : per_unit) CHECK(p == doctest::Approx(per_unit.front()).epsilon(0.05));
    Report even = stress();
    even.departments[1] = {"sales", "Sales", 40, 1, 1, 100, 20, 10, 5};
    even.departments[0].causes = 8;
    svg = svg_departments(even);
    per_unit.clear();
    for (std::sregex_iterator it(svg.begin(), svg.end(), bar), end; it != end; ++it)
      per_unit.push_back(std::stod((*it)[1]) / std::stod((*it)[2]));
    REQUIRE(per_unit.size() == 5);
    for (double p : per_unit) CHECK(p == doctest::Approx(per_unit.front()).epsilon(0.05));
    CHECK(svg.find("a full-width bar is 40") != std::string::npos);
  }

  TEST_CASE("a zero is never drawn in the alarm colour") {
    for (const auto& [name, text] : charts(stress())) {
      CAPTURE(name);
      Svg svg = parse(text);
      for (const auto& s : svg.shapes) {
        bool zero = s.is_text ? std::regex_match(s.content, std::regex("0( .*)?"))
                              : s.num("width", 1) == 0 || s.num("height", 1) == 0;
        if (!zero) continue;
        CAPTURE(s.content);
        CHECK(s.fill() != svg::k_alert);
      }
    }
    CHECK(svg_top_causes(stress(), default_taxonomy()).find(">0 churned<") == std::string::npos);
    CHECK(svg_top_causes(stress(), default_taxonomy()).find(">99999 churned<") != std::string::npos);
  }
}
