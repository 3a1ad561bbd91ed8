#include <doctest/doctest.h>

#include "esc/author/yaml_emit.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/yaml_node.hpp"

using namespace esc;

namespace {
// What our YAML reader makes of `key: <scalar>`.
std::string read_back(const std::string& scalar) {
  SourceText source("t", "key: " + scalar + "\n");
  std::vector<Diagnostic> out;
  std::string value = "<none>";
  read_yaml_documents(
      source, LoadLimits{},
      [&](YamlNode&& root, std::size_t) {
        value = root.value_at(0).kind == YamlNode::Kind::null ? "<null>" : root.value_at(0).value;
      },
      out);
  return out.empty() ? value : "<error>";
}
}  // namespace

TEST_CASE("plain scalars stay plain") {
  CHECK(yaml_scalar("Reproduced on 7.2, PRD-881") == "Reproduced on 7.2, PRD-881");
  CHECK(yaml_scalar("product-flaw.defect") == "product-flaw.defect");
  CHECK(yaml_scalar("2024-03-02") == "2024-03-02");
  CHECK(yaml_scalar("Ticket#42") == "Ticket#42");
  CHECK(yaml_scalar("Ticket #42") == "\"Ticket #42\"");
}

TEST_CASE("scalars that would read differently are double-quoted") {
  CHECK(yaml_scalar("") == "\"\"");
  CHECK(yaml_scalar("yes") == "\"yes\"");
  CHECK(yaml_scalar("null") == "\"null\"");
  CHECK(yaml_scalar("~") == "\"~\"");
  CHECK(yaml_scalar("42") == "\"42\"");
  CHECK(yaml_scalar("1.5e3") == "\"1.5e3\"");
  CHECK(yaml_scalar("0x1F") == "\"0x1F\"");
  CHECK(yaml_scalar("Root cause: the driver") == "\"Root cause: the driver\"");
  CHECK(yaml_scalar("see log # 3") == "\"see log # 3\"");
  CHECK(yaml_scalar("- a list?") == "\"- a list?\"");
  CHECK(yaml_scalar("*star") == "\"*star\"");
  CHECK(yaml_scalar(" padded") == "\" padded\"");
  CHECK(yaml_scalar("two\nlines") == "\"two\\nlines\"");
  CHECK(yaml_scalar("say \"hi\" \\o/") == "say \"hi\" \\o/");
  CHECK(yaml_scalar("\"quoted\"") == "\"\\\"quoted\\\"\"");
  CHECK(yaml_flow_scalar("a, b") == "\"a, b\"");
  CHECK(yaml_flow_list({"a", "b, c"}) == "[a, \"b, c\"]");
  CHECK(yaml_flow_list({}) == "[]");
}

TEST_CASE("every emitted scalar reads back as the same string") {
  for (std::string value :
       {"plain text", "yes",      "No",         "42",          "-1",        ".inf",        "a: b",      "a #b",
        "#c",         "'single'", "\"double\"", "back\\slash", "tab\there", "multi\nline", "trailing ", "{braces}",
        "[brackets]", "100%",     "@at",        "`tick`",      "é accents", "key:",        "?",         "-",
        "- x",        "1:30",     "|",          ">",           "&a",        "!tag",        "%p"}) {
    INFO(value);
    CHECK(read_back(yaml_scalar(value)) == value);
  }
}
