#include <doctest/doctest.h>

#include "esc/author/block_edit.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/yaml_node.hpp"

using namespace esc;

namespace {
std::size_t parser_documents(const std::string& text) {
  SourceText source("t", text);
  std::vector<Diagnostic> out;
  std::size_t n = 0;
  read_yaml_documents(
      source, LoadLimits{}, [&](YamlNode&&, std::size_t) { ++n; }, out);
  return n;
}

std::string span_text(const std::string& text, TextSpan span) {
  return text.substr(span.begin, span.end - span.begin);
}
}  // namespace

TEST_CASE("documents are counted like the YAML reader counts them") {
  for (std::string text : {"a: 1\n", "---\na: 1\n", "# c\n---\na: 1\n", "a: 1\n---\nb: 2\n", "---\n---\na: 1\n",
                           "a: 1\n---\n", "a: 1\n...\n# x\n", "a: 1\n...\n---\nb: 2\n", "--- \na: 1\n--- # c\nb: 1\n",
                           "a: 1\n---\n# only a comment\n", "%YAML 1.2\n---\na: 1\n", "a: 1\r\n---\r\nb: 2\r\n"}) {
    INFO(text);
    CHECK(split_documents(text).size() == parser_documents(text));
  }
  std::string text = "# intro\nid: A\n---\n# second\nid: B\n";
  auto docs = split_documents(text);
  REQUIRE(docs.size() == 2);
  CHECK(span_text(text, docs[0]) == "# intro\nid: A\n");
  CHECK(span_text(text, docs[1]) == "# second\nid: B\n");
}

TEST_CASE("top-level blocks end at their last content line") {
  std::string text =
      "id: A  # the id\n"
      "causes:\n"
      "  - code: x\n"
      "\n"
      "  - code: y   # why\n"
      "  # indented comment stays in the block\n"
      "\n"
      "# introduces actions\n"
      "actions: []\n"
      "\"quoted key\": 1\n";
  auto blocks = top_level_blocks(text, {0, text.size()});
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].key == "id");
  CHECK(blocks[1].key == "causes");
  CHECK(blocks[1].line == 2);
  CHECK(span_text(text, blocks[1].span) ==
        "causes:\n  - code: x\n\n  - code: y   # why\n  # indented comment stays in the block\n");
  CHECK(blocks[2].key == "actions");
  CHECK(blocks[3].key == "quoted key");
}

TEST_CASE("block list items carry the comments just above them") {
  std::string text =
      "causes:   # filled in at the review\n"
      "  # the root\n"
      "  - code: a\n"
      "    confidence: likely\n"
      "  # follows from a\n"
      "  - code: b\n"
      "    caused_by: [a]\n"
      "tags: []\n";
  auto blocks = top_level_blocks(text, {0, text.size()});
  auto items = split_block_items(text, blocks[0]);
  REQUIRE(items);
  CHECK(items->indent == 2);
  CHECK(items->key_line_comment == "   # filled in at the review");
  REQUIRE(items->items.size() == 2);
  CHECK(span_text(text, items->items[0]) == "  # the root\n  - code: a\n    confidence: likely\n");
  CHECK(span_text(text, items->items[1]) == "  # follows from a\n  - code: b\n    caused_by: [a]\n");

  std::string flow = "causes: [{code: a}]\n";
  CHECK_FALSE(split_block_items(flow, top_level_blocks(flow, {0, flow.size()})[0]));
  std::string zero = "causes:\n- code: a\n  note: x\n- code: b\n";
  auto zero_items = split_block_items(zero, top_level_blocks(zero, {0, zero.size()})[0]);
  REQUIRE(zero_items);
  CHECK(zero_items->indent == 0);
  CHECK(zero_items->items.size() == 2);
}

TEST_CASE("trailing comments are found outside quotes only") {
  CHECK(trailing_comment("a: b  # c") == "  # c");
  CHECK(trailing_comment("a: \"b # not\"  # yes") == "  # yes");
  CHECK(trailing_comment("a: 'it''s # not'") == "");
  CHECK(trailing_comment("a: b#c") == "");
}

TEST_CASE("replacing a block keeps every other byte") {
  std::string text = "# head\nid: A\ncauses:\n  - code: x\n\n# tail comment\ntags: [t]\n";
  auto blocks = top_level_blocks(text, {0, text.size()});
  std::string out = replace_blocks(text, {0, text.size()}, blocks, {{"causes", "causes:\n  - code: y\n"}});
  CHECK(out == "# head\nid: A\ncauses:\n  - code: y\n\n# tail comment\ntags: [t]\n");
}

TEST_CASE("an absent block is inserted after the document's last block") {
  std::string text = "id: A\ntags: [t]\n\n# trailing note\n---\nid: B\n";
  auto docs = split_documents(text);
  auto blocks = top_level_blocks(text, docs[0]);
  std::string out =
      replace_blocks(text, docs[0], blocks, {{"causes", "causes:\n  - code: y\n"}, {"reviewed", "reviewed: {}\n"}});
  CHECK(out == "id: A\ntags: [t]\ncauses:\n  - code: y\nreviewed: {}\n\n# trailing note\n---\nid: B\n");
}

TEST_CASE("CRLF files and files without a final line break") {
  std::string crlf = "id: A\r\ncauses: []\r\n";
  CHECK(line_ending_of(crlf) == "\r\n");
  CHECK(with_line_ending("a\nb\n", "\r\n") == "a\r\nb\r\n");
  auto blocks = top_level_blocks(crlf, {0, crlf.size()});
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[1].key == "causes");
  std::string bare = "id: A\ncauses: []";
  auto bare_blocks = top_level_blocks(bare, {0, bare.size()});
  CHECK(replace_blocks(bare, {0, bare.size()}, bare_blocks, {{"causes", "causes:\n  - code: x\n"}}) ==
        "id: A\ncauses:\n  - code: x");
  std::string no_newline = "id: A";
  CHECK(replace_blocks(no_newline, {0, 5}, top_level_blocks(no_newline, {0, 5}), {{"causes", "causes: []\n"}}) ==
        "id: A\ncauses: []\n");
}

TEST_CASE("a byte-order mark is not part of the first key") {
  std::string text = "\xEF\xBB\xBFid: A\ncauses: []\n";
  auto docs = split_documents(text);
  REQUIRE(docs.size() == 1);
  auto blocks = top_level_blocks(text, docs[0]);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].key == "id");
  CHECK(blocks[0].line == 1);
}
