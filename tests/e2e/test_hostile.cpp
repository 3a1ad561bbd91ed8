// Hostile bytes and YAML: the tool must report them and never crash or hang.
// Every input is generated in a temporary folder at test time.
#include <doctest/doctest.h>

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "findings.hpp"
#include "run.hpp"

namespace {

struct Checked {
  e2e::Result result;
  e2e::Report report;
};

// Writes `content` to NAME in a fresh temporary folder and validates it there
// (so the reported path is NAME), with extra options before the path.
Checked validate_bytes(const std::string& content, const std::vector<std::string>& options = {},
                       const std::string& name = "case.yaml") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/" + name, content);
  std::vector<std::string> args = {"validate", "--format", "json"};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back(name);
  Checked c;
  c.result = e2e::run(args, "", dir);
  c.report = e2e::parse_report(c.result);
  return c;
}

// Asserts one finding of `rule` at line:column (0:0 = about the whole file), exit 1, no crash.
void expect_single(const Checked& c, const std::string& rule, int line, int column) {
  INFO(e2e::describe(c.result));
  CHECK(c.result.exit_code < 3);
  CHECK(c.result.exit_code == 1);
  REQUIRE(c.report.parsed);
  CHECK(c.report.findings.size() == 1);
  CHECK(e2e::has(c.report, rule, line, column, "case.yaml"));
}

std::string nested(std::size_t depth, char open, char close) {
  return std::string(depth, open) + std::string(depth, close) + "\n";
}

std::string source(const std::string& relative) {
  return e2e::read_file(e2e::source_path(relative));
}

std::string to_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const std::string k_valid_case =
    "id: H-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\noutcome: open\ncauses: [{code: bad-sale}]\n";

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("200000-deep flow nesting is input-limit at the 65th level") {
    expect_single(validate_bytes(nested(200000, '[', ']')), "input-limit", 1, 65);
    // yaml-cpp does not take a flow mapping as a key, so `{{` stops at once: any
    // one error is fine, as long as it terminates without a crash.
    auto maps = validate_bytes(nested(200000, '{', '}'));
    INFO(e2e::describe(maps.result));
    CHECK(maps.result.exit_code == 1);
    CHECK(maps.report.findings.size() == 1);
    CHECK(maps.report.errors == 1);
    auto mixed = validate_bytes("a: " + nested(100000, '[', ']').substr(0, 200000) + "\n");
    CHECK(mixed.result.exit_code == 1);
    CHECK(e2e::has(mixed.report, "input-limit", 1, 67, "case.yaml"));  // the root mapping is a level
  }

  TEST_CASE("100-deep block nesting is input-limit") {
    std::string yaml;
    for (std::size_t i = 0; i < 100; ++i) yaml += std::string(i, ' ') + fmt::format("k{}:\n", i);
    expect_single(validate_bytes(yaml), "input-limit", 65, 65);
  }

  TEST_CASE("a billion-laughs alias bomb is input-limit at the first alias") {
    std::string yaml = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
      char p = static_cast<char>(c - 1);
      yaml += fmt::format("{0}: &{0} [*{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}]\n", c, p);
    }
    expect_single(validate_bytes(yaml), "input-limit", 2, 8);
  }

  TEST_CASE("a cyclic alias is input-limit") {
    expect_single(validate_bytes("a: &x [1, *x]\n"), "input-limit", 1, 11);
  }

  TEST_CASE("a 64 MiB scalar is over the default 16 MiB limit") {
    std::string big = "title: ";
    big.append(64u * 1024u * 1024u, 'x');
    big += "\n";
    auto c = validate_bytes(big);
    expect_single(c, "input-limit", 0, 0);
    REQUIRE(c.report.findings.size() == 1);
    CHECK(c.report.findings[0].message.find("16.0 MiB") != std::string::npos);
  }

  TEST_CASE("--max-file-size is honoured and a file at the limit is fine") {
    expect_single(validate_bytes(k_valid_case + "# " + std::string(2048, 'x') + "\n", {"--max-file-size", "1k"}),
                  "input-limit", 0, 0);
    std::string exact = k_valid_case + "# ";
    exact += std::string(1024 - exact.size() - 1, 'x') + "\n";
    REQUIRE(exact.size() == 1024);
    auto at_limit = validate_bytes(exact, {"--max-file-size", "1k"});
    INFO(e2e::describe(at_limit.result));
    CHECK(at_limit.result.exit_code == 0);
    CHECK(at_limit.report.findings.empty());
    auto over = validate_bytes(exact + "\n", {"--max-file-size", "1KiB"});
    CHECK(e2e::with_rule(over.report, "input-limit").size() == 1);
  }

  TEST_CASE("a bad --max-file-size is a usage error") {
    auto c = validate_bytes(k_valid_case, {"--max-file-size", "lots"});
    CHECK(c.result.exit_code == 2);
  }

  TEST_CASE("invalid UTF-8 is bad-encoding at the first bad byte") {
    expect_single(validate_bytes("id: H-1\ntitle: Caf\xE9 au lait\n"), "bad-encoding", 2, 11);
    expect_single(validate_bytes("id: H-1\ntitle: \xC0\xAF\n"), "bad-encoding", 2, 8);      // overlong
    expect_single(validate_bytes("id: H-1\ntitle: \xED\xA0\x80\n"), "bad-encoding", 2, 8);  // surrogate
  }

  TEST_CASE("4 KiB of binary junk with a NUL is bad-encoding") {
    std::string junk(100, 'A');
    junk += '\0';
    std::mt19937 random(42);
    while (junk.size() < 4096) junk += static_cast<char>(random() & 0xFF);
    expect_single(validate_bytes(junk), "bad-encoding", 1, 101);
    // Random bytes from the start: some bad-encoding, wherever it falls.
    std::string raw;
    while (raw.size() < 4096) raw += static_cast<char>(random() & 0xFF);
    raw[2000] = '\0';
    auto c = validate_bytes(raw);
    INFO(e2e::describe(c.result));
    CHECK(c.result.exit_code == 1);
    CHECK(e2e::with_rule(c.report, "bad-encoding").size() == 1);
  }

  TEST_CASE("an empty file and a comment-only file hold no cases and one empty-file warning") {
    for (std::string content : {std::string(), std::string("# just a comment\n# and another\n"), std::string("\n\n")}) {
      CAPTURE(content);
      auto c = validate_bytes(content);
      INFO(e2e::describe(c.result));
      CHECK(c.result.exit_code == 0);
      REQUIRE(c.report.findings.size() == 1);
      CHECK(c.report.findings[0].rule == "empty-file");
      CHECK(c.report.findings[0].severity == "warning");
      CHECK(c.report.files == 1);
      CHECK(c.report.cases == 0);
    }
  }

  TEST_CASE("a UTF-8 BOM is skipped and positions are unchanged") {
    auto c = validate_bytes("\xEF\xBB\xBF" + source("examples/broken/unknown-cause.yaml"));
    expect_single(c, "unknown-cause", 12, 11);
    auto clean = validate_bytes("\xEF\xBB\xBF" + k_valid_case);
    CHECK(clean.result.exit_code == 0);
  }

  TEST_CASE("a UTF-16 file is bad-encoding at 1:1") {
    std::string utf16 = "\xFF\xFE";
    for (char ch : k_valid_case) utf16 += std::string{ch, '\0'};
    auto c = validate_bytes(utf16);
    expect_single(c, "bad-encoding", 1, 1);
    REQUIRE(c.report.findings.size() == 1);
    CHECK(c.report.findings[0].message.find("UTF-16") != std::string::npos);
    // Without a BOM the NUL bytes give it away.
    expect_single(validate_bytes(utf16.substr(2)), "bad-encoding", 1, 2);
  }

  TEST_CASE("CRLF line endings keep lines and columns right") {
    const char* files[][4] = {{"examples/broken/causal-cycle.yaml", "causal-cycle", "21", "42"},
                              {"examples/broken/yaml-syntax.yaml", "yaml-syntax", "5", "21"},
                              {"examples/broken/duplicate-key.yaml", "duplicate-key", "11", "1"},
                              {"examples/broken/unknown-department.yaml", "unknown-department", "17", "12"}};
    for (const auto& f : files) {
      CAPTURE(f[0]);
      expect_single(validate_bytes(to_crlf(source(f[0]))), f[1], std::stoi(f[2]), std::stoi(f[3]));
    }
    CHECK(validate_bytes(to_crlf(k_valid_case)).result.exit_code == 0);
  }

  TEST_CASE("multi-byte characters count as one column") {
    auto c = validate_bytes(
        "id: H-1\ntitle: t\naccount: {name: \"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\", id: A, x: 1}\n"
        "opened: 2024-01-01\noutcome: open\ncauses: [{code: bad-sale}]\n");
    INFO(e2e::describe(c.result));
    CHECK(e2e::has(c.report, "unknown-key", 3, 31, "case.yaml"));
  }

  TEST_CASE("tabs in indentation are yaml-syntax and not a crash") {
    expect_single(validate_bytes("id: H-1\n\ttitle: t\n"), "yaml-syntax", 2, 1);
    expect_single(validate_bytes("causes:\n\t- code: bad-sale\n"), "yaml-syntax", 2, 1);  // at the tab
  }

  TEST_CASE("a stream of 2000 documents is loaded in full") {
    std::string yaml;
    for (int i = 0; i < 2000; ++i)
      yaml += fmt::format(
          "---\nid: S-{}\ntitle: t\naccount: {{id: ACC-{}}}\nopened: 2024-01-01\noutcome: open\n"
          "causes: [{{code: bad-sale}}]\n",
          i, i % 50);
    auto c = validate_bytes(yaml);
    INFO(e2e::describe(c.result));
    CHECK(c.result.exit_code == 0);
    CHECK(c.report.cases == 2000);
    CHECK(c.report.findings.empty());
  }

  TEST_CASE("16 MiB of one-character list items is input-limit, not a tree of millions of nodes") {
    std::string yaml = "id: F-1\ntags:\n";
    while (yaml.size() < 16u * 1024 * 1024 - 8) yaml += "- a\n";
    auto c = validate_bytes(yaml);
    INFO(e2e::describe(c.result));
    CHECK(c.result.exit_code == 1);
    CHECK(e2e::has(c.report, "input-limit", 9998, 3, "case.yaml"));
  }

  TEST_CASE("a flood of unknown keys stops at the findings limit, not millions of findings") {
    std::string yaml;
    for (int d = 0; d < 50; ++d) {
      yaml += fmt::format("---\nid: U-{}\n", d);
      for (int k = 0; k < 2000; ++k) yaml += fmt::format("key{}: v\n", k);
    }
    auto c = validate_bytes(yaml);
    INFO(e2e::describe(c.result));
    CHECK(c.result.exit_code == 1);
    CHECK(e2e::has(c.report, "input-limit", 2, 1, "case.yaml"));
    CHECK(c.report.findings.size() < 2100);
    auto single = validate_bytes(yaml.substr(0, yaml.find("---", 10)));
    CHECK(single.report.findings.size() > 2000);  // one document: all of its findings are kept
  }

  TEST_CASE("truncated flow collections are yaml-syntax and terminate") {
    expect_single(validate_bytes("[:"), "yaml-syntax", 1, 2);
    expect_single(validate_bytes("{:"), "yaml-syntax", 1, 2);
    auto c = validate_bytes("bad: [");
    expect_single(c, "yaml-syntax", 1, 7);
  }

  TEST_CASE("a stray comma between newlines is yaml-syntax and terminates") {
    expect_single(validate_bytes("\n,\n"), "yaml-syntax", 2, 1);
  }

  TEST_CASE("a document that is text or a list is wrong-type and not a crash") {
    // Regression: a finding about a document that is not a case was tagged with
    // the index of the case that would come next, and validation wrote past
    // the end of the cases (SIGSEGV) when there was none.
    for (std::string content : {"hello\n", "- a\n- b\n", "42\n"}) {
      CAPTURE(content);
      expect_single(validate_bytes(content), "wrong-type", 1, 1);
    }
    expect_single(validate_bytes("\"unterminated\n"), "yaml-syntax", 1, 1);
  }

  TEST_CASE("standard input is read with -") {
    auto r = e2e::run({"validate", "--format", "json", "-"}, source("examples/broken/unknown-cause.yaml"));
    INFO(e2e::describe(r));
    auto report = e2e::parse_report(r);
    CHECK(r.exit_code == 1);
    CHECK(report.files == 1);
    CHECK(e2e::has(report, "unknown-cause", 12, 11, "<stdin>"));
    auto text = e2e::run({"validate", "-"}, source("examples/broken/unknown-cause.yaml"));
    CHECK(text.out.rfind("<stdin>:12:11: error: ", 0) == 0);
    CHECK(text.out.find("  - code: product-flaw.defects") != std::string::npos);  // the source line is shown
  }

  TEST_CASE("standard input honours the size limit and the encoding check") {
    auto big = e2e::run({"--max-file-size", "1k", "validate", "--format", "json", "-"},
                        k_valid_case + "# " + std::string(4096, 'x') + "\n");
    INFO(e2e::describe(big));
    CHECK(big.exit_code == 1);
    CHECK(e2e::with_rule(e2e::parse_report(big), "input-limit").size() == 1);
    auto bad = e2e::run({"validate", "--format", "json", "-"}, std::string("id: \x00x\n", 7));
    CHECK(bad.exit_code == 1);
    CHECK(e2e::has(e2e::parse_report(bad), "bad-encoding", 1, 5, "<stdin>"));
    auto empty = e2e::run({"validate", "-"});
    CHECK(empty.exit_code == 0);
  }

}  // TEST_SUITE
