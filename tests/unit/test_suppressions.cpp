// Suppression comments: scanning (load) and applying (validate).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "esc/load/case_loader.hpp"
#include "esc/load/suppressions.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/validate/validator.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<esc::Suppression> scan(const std::string& text, std::vector<esc::Diagnostic>& out) {
  return esc::scan_suppressions(esc::SourceText("f.yaml", text), out);
}

// A folder of this test process, removed at exit.
struct TempFolder {
  fs::path path = fs::temp_directory_path() / ("esc-unit-suppressions-" + std::to_string(::getpid()));
  TempFolder() { fs::create_directories(path); }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::string write_temp(const std::string& name, const std::string& text) {
  static TempFolder folder;
  fs::path path = folder.path / name;
  std::ofstream(path) << text;
  return path.string();
}

const char* k_case = R"(id: S-1
title: t
account: {id: A}
opened: 2024-01-01
closed: 2024-02-01
causes:
  - code: product-flaw.defect
    confidence: confirmed
)";

}  // namespace

TEST_CASE("a trailing suppression applies to its own line, with rules and reason") {
  std::vector<esc::Diagnostic> out;
  auto found = scan("a: 1\nb: 2  # esc-autopsy: disable=no-evidence, owner-absent -- reviewed by legal\n", out);
  CHECK(out.empty());
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 2);
  CHECK_FALSE(found[0].file_wide);
  REQUIRE(found[0].rules.size() == 2);
  CHECK(found[0].rules[0].value == "no-evidence");
  CHECK(found[0].rules[0].mark == esc::SourceMark{2, 30});
  CHECK(found[0].rules[1].value == "owner-absent");
  CHECK(found[0].reason == "reviewed by legal");
  CHECK(found[0].mark == esc::SourceMark{2, 7});
}

TEST_CASE("a suppression alone on its line applies to the next line with content") {
  std::vector<esc::Diagnostic> out;
  auto found = scan("a: 1\n  # esc-autopsy: disable=no-evidence -- why\n\n# other comment\nb: 2\n", out);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 5);
}

TEST_CASE("disable-file covers the whole file") {
  std::vector<esc::Diagnostic> out;
  auto found = scan("# esc-autopsy: disable-file=no-actions -- legacy import\nid: x\n", out);
  REQUIRE(found.size() == 1);
  CHECK(found[0].file_wide);
}

TEST_CASE("a missing reason, an unknown rule or directive is bad-suppression and silences nothing") {
  std::vector<esc::Diagnostic> out;
  CHECK(scan("a: 1 # esc-autopsy: disable=no-evidence\n", out).empty());
  CHECK(scan("a: 1 # esc-autopsy: disable=no-evidence --   \n", out).empty());
  REQUIRE(out.size() == 2);
  CHECK(out[0].rule == "bad-suppression");
  CHECK(out[0].severity == esc::Severity::warning);
  CHECK(out[0].message.find("no reason") != std::string::npos);
  CHECK(out[0].mark == esc::SourceMark{1, 6});
  out.clear();
  auto found = scan("a: 1 # esc-autopsy: disable=no-evidense,no-actions -- why\n", out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].suggestion == "did you mean `no-evidence`?");
  CHECK(out[0].mark == esc::SourceMark{1, 29});
  REQUIRE(found.size() == 1);
  CHECK(found[0].rules.size() == 1);
  out.clear();
  CHECK(scan("a: 1 # esc-autopsy: disabel=no-evidence -- why\n", out).empty());
  REQUIRE(out.size() == 1);
  CHECK(out[0].suggestion == "did you mean `disable`?");
}

TEST_CASE("text that only looks like a suppression is not one") {
  std::vector<esc::Diagnostic> out;
  CHECK(scan("title: \"a # esc-autopsy: disable=x -- y\"\n", out).empty());
  CHECK(scan("title: a#esc-autopsy: disable=no-evidence -- y\n", out).empty());
  CHECK(scan("# just a comment about esc-autopsy: nothing\n", out).empty());
  CHECK(out.empty());
}

TEST_CASE("validate_case_set silences matching findings and reports unused suppressions") {
  std::string text = std::string(k_case);
  text.replace(text.find("  - code: product-flaw.defect"), 29,
               "  - code: product-flaw.defect # esc-autopsy: disable=no-evidence,unknown-cause -- PRD-1 is private");
  text += "actions: [{action: fix, owner: engineering}]  # esc-autopsy: disable=no-actions -- nothing to silence\n";
  std::string path = write_temp("one.yaml", text);
  esc::CaseSet set = esc::load_case_set({path}, {});
  std::vector<esc::Diagnostic> suppressed;
  auto out = esc::validate_case_set(set, esc::default_taxonomy(), {}, &suppressed);
  REQUIRE(suppressed.size() == 1);
  CHECK(suppressed[0].rule == "no-evidence");
  REQUIRE(out.size() == 2);
  CHECK(out[0].rule == "unused-suppression");
  CHECK(out[0].message.find("`unknown-cause`") != std::string::npos);
  CHECK(out[1].rule == "unused-suppression");
  CHECK(out[1].message.find("`no-actions`") != std::string::npos);
}

TEST_CASE("a rule turned off by policy still uses its suppression - unused-suppression obeys the policy") {
  std::string text = std::string(k_case) + "# esc-autopsy: disable-file=no-actions -- import\n";
  std::string path = write_temp("two.yaml", text);
  esc::ValidationPolicy policy;
  policy.severities["no-evidence"] = esc::Severity::off;
  policy.severities["unused-suppression"] = esc::Severity::error;
  esc::CaseSet set = esc::load_case_set({path}, {});
  auto out = esc::validate_case_set(set, esc::default_taxonomy(), policy);
  CHECK(out.empty());  // no-actions silenced file-wide, no-evidence off
  std::string unused = std::string(k_case) + "# esc-autopsy: disable-file=owner-absent -- n/a\n";
  esc::CaseSet set2 = esc::load_case_set({write_temp("three.yaml", unused)}, {});
  auto out2 = esc::validate_case_set(set2, esc::default_taxonomy(), policy);
  REQUIRE(out2.size() == 2);
  CHECK(out2[0].rule == "no-actions");
  CHECK(out2[1].rule == "unused-suppression");
  CHECK(out2[1].severity == esc::Severity::error);
}
