// The config file: parsing, diagnostics and discovery.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "esc/load/config_loader.hpp"
#include "esc/load/path_walker.hpp"

namespace fs = std::filesystem;

namespace {
esc::Config parse(const std::string& text) { return esc::parse_config(esc::SourceText(".esc-autopsy.yaml", text), "/repo"); }
}  // namespace

TEST_CASE("every config key is read, paths relative to the config's folder") {
  auto config = parse(R"(taxonomy: tax/ours.yaml
format: sarif
fail-on: warning
max-file-size: 2MiB
ignore: [drafts/, "*.tmpl.yaml"]
limits: {max-depth: 12, max-documents: 5, max-nodes: 700, max-findings: 40}
rules:
  no-actions: off
  owner-absent: error
  no-evidence: warning
)");
  CHECK(config.diagnostics.empty());
  CHECK(config.taxonomy == "/repo/tax/ours.yaml");
  CHECK(config.format == "sarif");
  CHECK(config.fail_on == "warning");
  CHECK(config.max_file_size == std::size_t(2 * 1024 * 1024));
  CHECK(config.max_depth == 12);
  CHECK(config.max_documents == std::size_t(5));
  CHECK(config.max_nodes == std::size_t(700));
  CHECK(config.max_findings == std::size_t(40));
  CHECK(config.ignore == std::vector<std::string>{"drafts/", "*.tmpl.yaml"});
  CHECK(config.severities.at("no-actions") == esc::Severity::off);
  CHECK(config.severities.at("owner-absent") == esc::Severity::error);
  CHECK(config.severities.at("no-evidence") == esc::Severity::warning);
}

TEST_CASE("unknown keys and rule ids are unknown-key warnings with did-you-mean and positions") {
  auto config = parse("taxonmyy: x.yaml\nrules:\n  no-evidance: off\n");
  REQUIRE(config.diagnostics.size() == 2);
  CHECK(config.diagnostics[0].rule == "unknown-key");
  CHECK(config.diagnostics[0].severity == esc::Severity::warning);
  CHECK(config.diagnostics[0].mark == esc::SourceMark{1, 1});
  CHECK(config.diagnostics[0].suggestion == "did you mean `taxonomy`?");
  CHECK(config.diagnostics[1].mark == esc::SourceMark{3, 3});
  CHECK(config.diagnostics[1].message == "unknown rule `no-evidance`");
  // One slip away, the setting would be lost without a word: an error.
  auto slip = parse("taxonmy: x.yaml\n");
  REQUIRE(slip.diagnostics.size() == 1);
  CHECK(slip.diagnostics[0].rule == "misspelled-key");
  CHECK(slip.diagnostics[0].severity == esc::Severity::error);
  CHECK(config.diagnostics[1].suggestion == "did you mean `no-evidence`?");
  CHECK(config.severities.empty());
}

TEST_CASE("bad values are errors") {
  auto config = parse("format: xml\nrules: {no-actions: of}\nmax-file-size: lots\nlimits: {max-depth: -1}\n");
  std::vector<std::string> rules;
  for (const auto& d : config.diagnostics) {
    CHECK(d.severity == esc::Severity::error);
    rules.push_back(d.rule);
  }
  CHECK(rules == std::vector<std::string>{"bad-enum", "bad-enum", "wrong-type", "wrong-type"});
  CHECK(config.diagnostics[1].suggestion == "did you mean `off`?");
}

TEST_CASE("an empty config file is fine - a broken one is yaml-syntax") {
  CHECK(parse("").diagnostics.empty());
  CHECK(parse("# only comments\n").diagnostics.empty());
  auto broken = parse("rules: [\n");
  REQUIRE_FALSE(broken.diagnostics.empty());
  CHECK(broken.diagnostics[0].rule == "yaml-syntax");
}

TEST_CASE("find_config_file looks in the folder and upward") {
  fs::path base = fs::temp_directory_path() / ("esc-unit-config-" + std::to_string(::getpid()));
  fs::path root = base / "a";
  fs::create_directories(root / "b" / "c");
  std::ofstream(root / ".esc-autopsy.yaml") << "format: json\n";
  CHECK(esc::find_config_file((root / "b" / "c").string()) == (root / ".esc-autopsy.yaml").string());
  CHECK(esc::find_config_file(root.string()) == (root / ".esc-autopsy.yaml").string());
  fs::remove(root / ".esc-autopsy.yaml");
  std::string above = esc::find_config_file((root / "b").string());
  CHECK((above.empty() || above.find("esc-unit-config") == std::string::npos));
  fs::remove_all(base);
}

TEST_CASE("ignore patterns: file names, folders, paths relative to the base") {
  std::vector<std::string> patterns = {"*.tmpl.yaml", "drafts/", "archive/2019/*"};
  CHECK(esc::matches_ignore("cases/x.tmpl.yaml", patterns, "/repo"));
  CHECK(esc::matches_ignore("/repo/cases/drafts/x.yaml", patterns, "/repo"));
  CHECK(esc::matches_ignore("/repo/archive/2019/q1/x.yaml", patterns, "/repo"));
  CHECK(esc::matches_ignore("./archive/2019/x.yaml", patterns, ""));
  CHECK_FALSE(esc::matches_ignore("/repo/archive/2020/x.yaml", patterns, "/repo"));
  CHECK_FALSE(esc::matches_ignore("/repo/cases/x.yaml", patterns, "/repo"));
  CHECK_FALSE(esc::matches_ignore("/repo/cases/x.yaml", {}, "/repo"));
}
