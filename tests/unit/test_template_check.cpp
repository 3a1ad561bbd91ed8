#include <doctest/doctest.h>

#include "esc/render/report_context.hpp"
#include "esc/render/report_template.hpp"
#include "esc/render/template_check.hpp"

using namespace esc;

namespace {

const std::vector<ContextKey>& schema() {
  static const auto keys = parse_context_schema("title flag items[name tags[.]] box{inner deep{x}} chart!");
  return keys;
}

std::vector<std::string> problems(const std::string& text, const std::map<std::string, std::string>& partials = {}) {
  std::vector<std::string> out;
  for (const auto& p : check_template("t.mustache", text, schema(), partials))
    out.push_back(p.file + ":" + std::to_string(p.line) + ": " + p.message);
  return out;
}

}  // namespace

TEST_CASE("the schema notation parses maps, lists, string lists and raw markers") {
  const auto& keys = schema();
  REQUIRE(keys.size() == 5);
  CHECK(keys[2].kind == ContextKey::Kind::list);
  CHECK(keys[2].children[1].kind == ContextKey::Kind::string_list);
  CHECK(keys[3].children[1].children[0].name == "x");
  CHECK(keys[4].raw);
  CHECK_THROWS_AS(parse_context_schema("a{b"), std::invalid_argument);
  CHECK_THROWS_AS(parse_context_schema("a}"), std::invalid_argument);
}

TEST_CASE("a sound template has no problems") {
  CHECK(problems("{{title}} {{#items}}{{name}} {{title}} {{#tags}}{{.}}{{/tags}}{{/items}}{{^items}}none{{/items}}"
                 "{{box.inner}} {{#box}}{{inner}} {{deep.x}}{{/box}} {{{chart}}} {{&chart}} {{! {{nope}} }}"
                 "{{#flag}}{{title}}{{/flag}} {{=<% %>=}}<%title%><%={{ }}=%>{{ title }}")
            .empty());
}

TEST_CASE("unknown names are reported with their line and a suggestion") {
  auto found = problems("line 1\n{{titel}}\n{{#items}}{{nmae}}{{/items}}\n{{box.outer}}\n{{#nothing}}x{{/nothing}}");
  REQUIRE(found.size() == 4);
  CHECK(found[0] == "t.mustache:2: unknown variable `titel`; did you mean `title`?");
  CHECK(found[1] == "t.mustache:3: unknown variable `nmae`; did you mean `name`?");
  CHECK(found[2].find("t.mustache:4: unknown variable `box.outer`") == 0);
  CHECK(found[3].find("t.mustache:5: unknown section `nothing`") == 0);
  CHECK(problems("{{name}}").size() == 1);  // only inside items
}

TEST_CASE("unbalanced sections and unclosed tags are reported") {
  CHECK(problems("{{#items}}\n{{name}}\n") ==
        std::vector<std::string>{"t.mustache:1: section `items` is never closed"});
  CHECK(problems("{{/items}}")[0] == "t.mustache:1: `{{/items}}` closes a section that is not open");
  CHECK(problems("{{#items}}{{#tags}}\n{{/items}}{{/tags}}")[0].find(
            "t.mustache:2: `{{/items}}` closes `items` but `tags` (line 1) is open") == 0);
  CHECK(problems("ok\n{{title")[0] == "t.mustache:2: tag `{{title` is never closed with `}}`");
  CHECK(problems("{{{chart}}")[0].find("never closed with `}}}`") != std::string::npos);
  CHECK(problems("{{=<% =}}")[0].find("bad delimiter change") != std::string::npos);
  CHECK(problems("{{}}")[0] == "t.mustache:1: empty tag");
}

TEST_CASE("lists and maps are not values, and only raw markup goes in unescaped") {
  CHECK(problems("{{items}}")[0].find("`items` is a list; use it as a section") != std::string::npos);
  CHECK(problems("{{box}}")[0].find("`box` is a map") != std::string::npos);
  CHECK(problems("{{{title}}}")[0].find("`title` would be inserted without escaping; write {{title}}") !=
        std::string::npos);
  CHECK(problems("{{&title}}").size() == 1);
  CHECK(problems("{{.}}").size() == 1);
}

TEST_CASE("partials must exist and must not include themselves") {
  CHECK(problems("{{> nope}}")[0] == "t.mustache:1: unknown partial `nope` (available: none)");
  CHECK(problems("{{> p}}", {{"p", "{{title}}"}}).empty());
  CHECK(problems("{{#items}}{{> p}}{{/items}}", {{"p", "{{name}}"}}).empty());  // partials see the context
  CHECK(problems("{{> p}}", {{"p", "\n{{zzz}}"}})[0] == "partial p:2: unknown variable `zzz`");
  CHECK(problems("{{> p}}", {{"p", "x{{> p}}"}})[0] == "partial p:1: partial `p` includes itself");
  CHECK(problems("{{> a}}", {{"a", "{{> b}}"}, {"b", "{{> a}}"}})[0] == "partial b:1: partial `a` includes itself");
}

TEST_CASE("the built-in templates are sound against the report context") {
  auto keys = parse_context_schema(report_context_schema());
  for (auto format : {TemplateFormat::html, TemplateFormat::markdown}) {
    auto found =
        check_template(builtin_template_name(format), builtin_template(format), keys, builtin_partials(format));
    for (const auto& p : found) FAIL_CHECK(p.file << ":" << p.line << ": " << p.message);
  }
}
