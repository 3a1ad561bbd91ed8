// report --format html|markdown and --template: self-contained, escaped, checked.
#include <filesystem>
#include <regex>

#include <doctest/doctest.h>

#include "run.hpp"

namespace {

e2e::Result report(std::vector<std::string> extra, const std::string& dir = "examples/cases") {
  std::vector<std::string> args = {"report", "--as-of", "2025-06-30"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(dir);
  return e2e::run(args);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// True when every attribute of every tag has a double-quoted value (the
// contents of <style> and <title> are skipped).
bool attributes_quoted(const std::string& html) {
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (html.compare(i, 1, "!") == 0 || html.compare(i, 1, "/") == 0) continue;
    std::size_t name_end = html.find_first_of(" >/", i);
    std::string tag = html.substr(i, name_end - i);
    i = name_end;
    while (i < html.size() && html[i] != '>') {
      if (html[i] == ' ' || html[i] == '/' || html[i] == '\n') {
        ++i;
        continue;
      }
      std::size_t eq = html.find_first_of("= >", i);
      if (eq == std::string::npos || html[eq] != '=') {  // a bare attribute such as `hidden`
        i = eq;
        continue;
      }
      if (html[eq + 1] != '"') return false;
      i = html.find('"', eq + 2) + 1;
    }
    if (tag == "style" || tag == "title") i = html.find("</" + tag, i);
  }
  return true;
}

}  // namespace

TEST_CASE("html is one self-contained file with every chart, and the same bytes each time") {
  auto r = report({"--format", "html"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(count(r.out, "<svg ") == 8);  // seven charts, the top causes also narrow for phones
  CHECK(count(r.out, "role=\"img\"") == 8);
  CHECK(contains(r.out, "Content-Security-Policy"));
  CHECK(contains(r.out, "@media print"));
  CHECK(contains(r.out, "What matters most"));
  CHECK_FALSE(contains(r.out, "<script"));
  CHECK_FALSE(contains(r.out, " src="));
  CHECK_FALSE(contains(r.out, "url("));
  CHECK_FALSE(contains(r.out, "href=\"http"));
  CHECK(attributes_quoted(r.out));
  CHECK_FALSE(attributes_quoted("<p><a class=\"x\" href=y>"));
  CHECK(report({"--format", "html"}).out == r.out);
}

TEST_CASE("html shows hostile case text literally and runs nothing") {
  auto r = report({"--format", "html"}, "tests/cases/hostile");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(contains(r.out, "<script"));
  CHECK_FALSE(contains(r.out, "<img"));
  CHECK_FALSE(std::regex_search(r.out, std::regex("<[^>]*onerror")));  // no element got the handler
  CHECK(attributes_quoted(r.out));
  CHECK(contains(r.out, "&lt;script&gt;document.title&#61;&#39;pwned&#39;&lt;&#x2F;script&gt;"));
  CHECK(contains(r.out, "&lt;img src&#61;x onerror&#61;&quot;document.title&#61;&#39;pwned&#39;&quot;&gt;"));
  CHECK(contains(r.out, "<h3><bdi>{{#x}}{{{y}}}&lt;&#x2F;td&gt;</bdi></h3>"));  // the account card, literally
  CHECK(contains(r.out, ">{{#x}}{{{y}}}&lt;/td&gt;</text>"));        // and in the timeline chart
  CHECK(count(r.out, "</td>") == count(r.out, "<td"));               // no cell closed early by case text
  CHECK(count(r.out, "</svg>") == count(r.out, "<svg "));
}

TEST_CASE("markdown: findings first, tables whose cells hold case text, a mermaid graph") {
  auto r = report({"--format", "markdown"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("# Escalation autopsy report\n", 0) == 0);
  CHECK(r.out.find("## What matters most") < r.out.find("## Root causes"));
  CHECK(contains(r.out, "\n```mermaid\nflowchart LR\n"));
  CHECK(contains(r.out, "\n```\n"));
  auto hostile = report({"--format", "markdown"}, "tests/cases/hostile");
  REQUIRE(hostile.exit_code == 0);
  CHECK(contains(hostile.out, "\\<script\\>document.title='pwned'\\</script\\>"));
  CHECK(contains(hostile.out, "{{\\#x}}{{{y}}}\\</td\\>"));
  std::string outside_mermaid = hostile.out.substr(0, hostile.out.find("```mermaid"));
  CHECK_FALSE(std::regex_search(outside_mermaid, std::regex("(^|[^\\\\])<")));  // every < is escaped
  // Every row of a table has as many cell separators as its header.
  std::size_t expected = 0;
  std::istringstream lines(hostile.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '|') {
      expected = 0;
      continue;
    }
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    if (expected == 0) expected = pipes;
    CHECK_MESSAGE(pipes == expected, line);
  }
}

TEST_CASE("--template renders the same context with a user's template") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/mine.html",
                  "<h1>{{title}}</h1>{{#causes}}<p data-code=\"{{code}}\">{{title}}</p>{{/causes}}"
                  "{{#repeat_accounts}}{{label}};{{/repeat_accounts}}{{> style}}");
  auto r = report({"--template", dir + "/mine.html"}, "tests/cases/hostile");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("<h1>Escalation autopsy report</h1><p data-code=\"bad-sale.wrong-solution\">", 0) == 0);
  CHECK(contains(r.out, "{{#x}}{{{y}}}&lt;&#x2F;td&gt;;"));
  CHECK(contains(r.out, "@media print"));
  e2e::write_file(dir + "/mine.md", "{{#repeat_accounts}}| {{label}} |{{/repeat_accounts}}");
  auto md = report({"--template", dir + "/mine.md"}, "tests/cases/hostile");
  CHECK(md.out == "| {{\\#x}}{{{y}}}\\</td\\> |");
  e2e::write_file(dir + "/mine.txt", "{{summary.cases}} cases");
  CHECK(report({"--template", dir + "/mine.txt", "--format", "markdown"}).out == "21 cases");
  auto unknown_kind = report({"--template", dir + "/mine.txt"});
  CHECK(unknown_kind.exit_code == 2);
  CHECK(contains(unknown_kind.err, "--format html or --format markdown"));
  CHECK(report({"--template", dir + "/mine.txt", "--format", "json"}).exit_code == 2);
}

TEST_CASE("a broken template is reported with file and line, exit 2, and nothing is written") {
  std::string dir = e2e::temp_dir();
  auto check_broken = [&](const std::string& text, const std::string& message) {
    e2e::write_file(dir + "/t.html", text);
    auto r = report({"--template", dir + "/t.html", "-o", dir + "/out.html"});
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(contains(r.err, message), r.err);
    CHECK_FALSE(std::filesystem::exists(dir + "/out.html"));
  };
  check_broken("ok\n{{titel}}", dir + "/t.html:2: unknown variable `titel`; did you mean `title`?");
  check_broken("{{#causes}}\n{{code}}", dir + "/t.html:1: section `causes` is never closed");
  check_broken("{{#causes}}{{/chains}}", "closes `chains` but `causes` (line 1) is open");
  check_broken("{{title", "tag `{{title` is never closed");
  check_broken("{{{title}}}", "`title` would be inserted without escaping");
  check_broken("{{causes}}", "`causes` is a list");
  check_broken("{{> mine}}", "unknown partial `mine` (available: baseline, style)");
  auto missing = report({"--template", dir + "/missing.html"});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "cannot read the template"));
}

TEST_CASE("redacted html and markdown name no account") {
  for (const char* format : {"html", "markdown"}) {
    auto r = report({"--format", format, "--redact"});
    REQUIRE(r.exit_code == 0);
    for (const char* secret : {"ACME", "Acme", "ACME123", "Northwind", "NWL-0042", "Orchid", "ORT-8800", "Globex"})
      CHECK_MESSAGE(!contains(r.out, secret), secret << " in " << format);
    CHECK(contains(r.out, "Account-"));
    CHECK(contains(r.out, "pseudonyms"));
  }
}
