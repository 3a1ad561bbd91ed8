// validator: the rules that span cases (check_case_set) and the whole run
// (validate_case_set: policy, sorting, has_errors).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/validate/validator.hpp"
#include "test_support.hpp"

using esc::Diagnostic;
using esc::Severity;
using esc::SourceMark;
using test_support::dump;
using test_support::has;
using test_support::with_rule;

namespace {
// Lines 1-5 of an open case.
const std::string k_open = "id: V-2\ntitle: Open\naccount: {id: ACC-2}\nopened: 2024-03-02\noutcome: at-risk\n";
}  // namespace

TEST_SUITE("validator_set") {
  TEST_CASE("check_case_set: duplicate-id across files names the first place") {
    auto set = test_support::make_set({{"a.yaml", k_open}, {"b.yaml", "# b\n" + k_open}});
    std::vector<Diagnostic> out;
    esc::check_case_set(set, out);
    INFO(dump(out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "duplicate-id");
    CHECK(out[0].file == "b.yaml");
    CHECK(out[0].mark == SourceMark{2, 5});
    CHECK(out[0].case_index == 1);
    CHECK(out[0].message.find("a.yaml:1:5") != std::string::npos);
  }

  TEST_CASE("check_case_set: the same id three times within one file") {
    auto set = test_support::make_set({{"a.yaml", k_open + "---\n" + k_open + "---\n" + k_open}});
    std::vector<Diagnostic> out;
    esc::check_case_set(set, out);
    INFO(dump(out));
    CHECK(out.size() == 2);
    CHECK(has(out, "duplicate-id", 7, 5));
    CHECK(has(out, "duplicate-id", 13, 5));
  }

  TEST_CASE("check_case_set: account-mismatch on names and segments") {
    const std::string a = "id: A-1\ntitle: t\naccount: {id: ACC, name: Acme, segment: smb}\nopened: 2024-01-01\n";
    const std::string b =
        "id: A-2\ntitle: t\naccount: {id: ACC, name: ACME Inc, segment: enterprise}\nopened: 2024-02-01\n";
    const std::string same = "id: A-3\ntitle: t\naccount: {id: ACC, name: Acme}\nopened: 2024-03-01\n";
    auto set = test_support::make_set({{"a.yaml", a}, {"b.yaml", b}, {"c.yaml", same}});
    std::vector<Diagnostic> out;
    esc::check_case_set(set, out);
    INFO(dump(out));
    CHECK(out.size() == 2);
    CHECK(has(out, "account-mismatch", 3, 26));
    CHECK(has(out, "account-mismatch", 3, 45));
    for (const auto& d : out) {
      CHECK(d.file == "b.yaml");
      CHECK(d.severity == Severity::warning);
      CHECK(d.message.find("a.yaml:3:") != std::string::npos);
    }
  }

  TEST_CASE("account-mismatch flags the odd spelling out, not the cases that agree") {
    auto with_name = [](int n, const char* name) {
      return fmt::format("id: M-{}\ntitle: t\naccount: {{id: ACC, name: {}}}\nopened: 2024-01-01\n", n, name);
    };
    auto set = test_support::make_set({{"a.yaml", with_name(1, "Acme Inc")},
                                       {"b.yaml", with_name(2, "Acme")},
                                       {"c.yaml", with_name(3, "Acme")},
                                       {"d.yaml", with_name(4, "Acme")}});
    std::vector<Diagnostic> out;
    esc::check_case_set(set, out);
    INFO(dump(out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].file == "a.yaml");
    CHECK(out[0].message == "account `ACC` has name `Acme Inc` here but `Acme` at b.yaml:3:26 (as 3 cases write it)");
    CHECK(out[0].suggestion == "write `Acme`, or check the account id");
  }

  TEST_CASE("account-mismatch is found even when the first case has no name") {
    // ACC appears as (no name), "Acme", "Acme Inc": two different names for one
    // account. check_case_set only compares each case with the account's first case.
    const std::string none = "id: N-1\ntitle: t\naccount: {id: ACC}\nopened: 2024-01-01\n";
    const std::string acme = "id: N-2\ntitle: t\naccount: {id: ACC, name: Acme}\nopened: 2024-02-01\n";
    const std::string inc = "id: N-3\ntitle: t\naccount: {id: ACC, name: Acme Inc}\nopened: 2024-03-01\n";
    auto set = test_support::make_set({{"a.yaml", none}, {"b.yaml", acme}, {"c.yaml", inc}});
    std::vector<Diagnostic> out;
    esc::check_case_set(set, out);
    INFO(dump(out));
    CHECK(with_rule(out, "account-mismatch").size() == 1);
  }

  TEST_CASE("validate_case_set runs every rule and keeps load findings and sorts and marks has_errors") {
    auto set = test_support::make_set({{"b.yaml", k_open + "causes: [{code: nope}]\n"},
                                       {"a.yaml", k_open + "sumery: x\ncauses: [{code: bad-sale}]\n"}});
    REQUIRE(set.cases.size() == 2);
    auto out = esc::validate_case_set(set, esc::default_taxonomy(), {});
    INFO(dump(out));
    CHECK(set.diagnostics.empty());
    CHECK(has(out, "unknown-key", 6, 1));
    CHECK(has(out, "unknown-cause", 6, 17));
    CHECK(has(out, "duplicate-id", 1, 5));
    REQUIRE(out.size() == 3);
    CHECK(out[0].file == "a.yaml");  // sorted by file, then position
    CHECK(out[2].file == "b.yaml");
    CHECK(out[0].mark < out[1].mark);
    CHECK(set.cases[0].has_errors);  // b.yaml: unknown-cause
    CHECK(set.cases[1].has_errors);  // a.yaml: duplicate-id
  }

  TEST_CASE("has_errors stays false for a case with only warnings") {
    auto set = test_support::make_set({{"a.yaml", k_open},
                                       {"b.yaml",
                                        "id: W-2\ntitle: t\naccount: {id: A}\n"
                                        "opened: 2024-03-02\ncauses: [{code: nope}]\n"}});
    auto out = esc::validate_case_set(set, esc::default_taxonomy(), {});
    INFO(dump(out));
    CHECK_FALSE(set.cases[0].has_errors);  // autopsy-pending only
    CHECK(set.cases[1].has_errors);
  }

  TEST_CASE("ValidationPolicy changes severities and off drops findings") {
    const std::string yaml = k_open + "sumery: x\ncauses: [{code: nope}]\n";
    SUBCASE("a warning raised to error marks the case") {
      auto set = test_support::make_set({{"a.yaml", yaml}});
      esc::ValidationPolicy policy;
      policy.severities["unknown-key"] = Severity::error;
      policy.severities["unknown-cause"] = Severity::off;
      auto out = esc::validate_case_set(set, esc::default_taxonomy(), policy);
      INFO(dump(out));
      REQUIRE(out.size() == 1);
      CHECK(out[0].rule == "unknown-key");
      CHECK(out[0].severity == Severity::error);
      CHECK(set.cases[0].has_errors);
    }
    SUBCASE("an error lowered to warning does not mark the case") {
      auto set = test_support::make_set({{"a.yaml", yaml}});
      esc::ValidationPolicy policy;
      policy.severities["unknown-cause"] = Severity::warning;
      auto out = esc::validate_case_set(set, esc::default_taxonomy(), policy);
      INFO(dump(out));
      CHECK(out.size() == 2);
      CHECK(esc::count_severity(out, Severity::error) == 0);
      CHECK_FALSE(set.cases[0].has_errors);
    }
    SUBCASE("off silences a rule everywhere") {
      auto set = test_support::make_set({{"a.yaml", k_open}, {"b.yaml", k_open}});
      esc::ValidationPolicy policy;
      policy.severities["duplicate-id"] = Severity::off;
      policy.severities["autopsy-pending"] = Severity::off;
      auto out = esc::validate_case_set(set, esc::default_taxonomy(), policy);
      INFO(dump(out));
      CHECK(out.empty());
      CHECK_FALSE(set.cases[1].has_errors);
    }
  }

  TEST_CASE("io-error keeps its severity whatever the policy says") {
    auto set = test_support::make_set({{"a.yaml", k_open}});
    set.diagnostics.push_back({Severity::error, "io-error", "gone.yaml", {}, "cannot read: No such file", ""});
    esc::ValidationPolicy policy;
    policy.severities["io-error"] = Severity::off;
    policy.severities["autopsy-pending"] = Severity::off;
    auto out = esc::validate_case_set(set, esc::default_taxonomy(), policy);
    INFO(dump(out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "io-error");
    CHECK(out[0].severity == Severity::error);
  }

  TEST_CASE("a document that is not a case does not mark the next case as broken") {
    // load_one() gives a non-mapping document's wrong-type the index of the
    // *next* case, so validate_case_set marks that (valid) case has_errors. When
    // the non-mapping document is the last one of the set, the index is out of
    // range and `esc-autopsy validate` crashes (see e2e/test_hostile.cpp).
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("esc-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
      std::ofstream out(dir / "a.yaml");
      out << "- not a case\n---\n" << k_open << "causes: [{code: bad-sale}]\n";
    }
    auto set = esc::load_case_set({(dir / "a.yaml").string()}, {});
    fs::remove_all(dir);
    REQUIRE(set.cases.size() == 1);
    auto out = esc::validate_case_set(set, esc::default_taxonomy(), {});
    INFO(dump(out));
    CHECK(with_rule(out, "wrong-type").size() == 1);
    CHECK_FALSE(set.cases[0].has_errors);
  }

}  // TEST_SUITE
