// validator: the per-case rules of SPEC 4 (check_case), on in-memory YAML.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/model/rule_catalog.hpp"
#include "esc/validate/validator.hpp"
#include "test_support.hpp"

using esc::Diagnostic;
using esc::Severity;
using esc::SourceMark;
using test_support::dump;
using test_support::has;
using test_support::with_rule;

namespace {

// Lines 1-6 of a closed case; tests append from line 7.
const std::string k_closed =
    "id: V-1\ntitle: Valid\naccount: {id: ACC-1, name: Acme, segment: enterprise}\n"
    "opened: 2024-03-02\nclosed: 2024-04-18\noutcome: retained\n";
// Lines 1-5 of an open case; tests append from line 6.
const std::string k_open = "id: V-2\ntitle: Open\naccount: {id: ACC-2}\nopened: 2024-03-02\noutcome: at-risk\n";
// A closed case's actions, for tests that do not care about no-actions (2 lines).
const std::string k_actions = "actions:\n  - {action: Fix, owner: engineering}\n";

const char* k_valid_body = R"(timeline:
  - {date: 2024-03-02, event: Ticket, source: support}
  - {date: 2024-03-05, event: Escalated, source: customer-success}
causes:
  - code: bad-sale.wrong-solution
    confidence: likely
  - code: product-flaw.defect
    confidence: confirmed
    evidence: ENG-1
    caused_by: [bad-sale.wrong-solution]
actions:
  - {action: Fix, owner: engineering, status: done, cause: product-flaw.defect}
reviewed:
  date: 2024-04-25
  attendees: [sales, engineering]
)";

// A taxonomy with deprecated aliases.
const char* k_alias_taxonomy = R"(version: 1
departments:
  - {id: sales}
  - {id: engineering}
  - {id: support}
causes:
  - code: product-flaw
    title: Product flaw
    owner: engineering
    children:
      - code: product-flaw.defect
        title: Defect
        aliases: [product-flaw.bug]
  - code: bad-sale
    title: Bad sale
    owner: sales
    aliases: [sales-miss]
)";

const esc::Taxonomy& alias_taxonomy() {
  static const esc::Taxonomy t = [] {
    std::vector<Diagnostic> out;
    auto parsed = esc::parse_taxonomy(esc::SourceText("alias.yaml", k_alias_taxonomy), out);
    REQUIRE(parsed);
    return *parsed;
  }();
  return t;
}

// Builds one case (which must build cleanly) and runs the per-case rules.
std::vector<Diagnostic> check(const std::string& yaml, const esc::Taxonomy& taxonomy = esc::default_taxonomy()) {
  auto built = test_support::build(yaml, "case.yaml");
  INFO(yaml);
  INFO(dump(built.diagnostics));
  CHECK(built.diagnostics.empty());
  REQUIRE(built.cases.size() == 1);
  std::vector<Diagnostic> out;
  esc::check_case(built.cases[0], 0, "case.yaml", taxonomy, out);
  return out;
}

// Asserts exactly one finding, of `rule`, at line:column; returns it.
Diagnostic expect_one(const std::string& yaml, const std::string& rule, std::uint32_t line, std::uint32_t column,
                      const esc::Taxonomy& taxonomy = esc::default_taxonomy()) {
  auto out = check(yaml, taxonomy);
  INFO(yaml);
  INFO(dump(out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].rule == rule);
  CHECK(out[0].mark == SourceMark{line, column});
  CHECK(out[0].file == "case.yaml");
  CHECK(out[0].case_index == 0);
  CHECK(out[0].severity == esc::find_rule(rule)->default_severity);
  return out[0];
}

}  // namespace

TEST_SUITE("validator") {
  TEST_CASE("a complete and consistent case has no findings") {
    auto out = check(k_closed + k_valid_body);
    INFO(dump(out));
    CHECK(out.empty());
  }

  TEST_CASE("date-order: closed before opened is reported at the closed date") {
    auto d = expect_one(
        "id: V\ntitle: t\naccount: {id: A}\nopened: 2024-03-02\nclosed: 2024-03-01\n"
        "causes: [{code: bad-sale}]\n" +
            k_actions,
        "date-order", 5, 9);
    CHECK(d.message.find("2024-03-01") != std::string::npos);
    CHECK(check("id: V\ntitle: t\naccount: {id: A}\nopened: 2024-03-02\nclosed: 2024-03-02\n"
                "causes: [{code: bad-sale}]\n" +
                k_actions)
              .empty());
  }

  TEST_CASE("timeline-order: each entry earlier than the latest before it") {
    auto out = check(k_open +
                     "causes: [{code: bad-sale}]\ntimeline:\n"
                     "  - {date: 2024-03-05, event: a}\n  - {date: 2024-03-03, event: b}\n"
                     "  - {date: 2024-03-04, event: c}\n  - {date: 2024-03-06, event: d}\n");
    INFO(dump(out));
    CHECK(out.size() == 2);
    CHECK(has(out, "timeline-order", 9, 12));
    CHECK(has(out, "timeline-order", 10, 12));
    CHECK(out[0].severity == Severity::warning);
  }

  TEST_CASE("autopsy-pending: an open case without causes") {
    expect_one(k_open, "autopsy-pending", 5, 10);                                                      // at outcome
    expect_one("id: V-3\ntitle: t\naccount: {id: A}\nopened: 2024-03-02\n", "autopsy-pending", 1, 5);  // at id
    expect_one(k_open + "causes: []\n", "autopsy-pending", 5, 10);
    // outcome open with a closed date is still open.
    expect_one("id: V\ntitle: t\naccount: {id: A}\nopened: 2024-03-02\nclosed: 2024-03-09\noutcome: open\n" + k_actions,
               "autopsy-pending", 6, 10);
  }

  TEST_CASE("missing-field: a closed case needs causes") {
    expect_one(k_closed + k_actions, "missing-field", 1, 1);
    expect_one(k_closed + k_actions + "causes: []\n", "missing-field", 1, 1);
  }

  TEST_CASE("unknown-cause with did-you-mean") {
    auto d = expect_one(k_open + "causes:\n  - code: product-flaw.defects\n", "unknown-cause", 7, 11);
    CHECK(d.suggestion == "did you mean `product-flaw.defect`?");
    CHECK(d.message.find("product-flaw.defects") != std::string::npos);
    auto far = expect_one(k_open + "causes:\n  - code: gremlins\n", "unknown-cause", 7, 11);
    CHECK(far.suggestion.empty());
  }

  TEST_CASE("a category may be cited as well as a leaf") {
    CHECK(check(k_open + "causes:\n  - code: bad-sale\n  - code: product-flaw.design\n").empty());
  }

  TEST_CASE("duplicate-cause at the second citation names the first line") {
    auto d = expect_one(k_open +
                            "causes:\n  - code: bad-sale.overpromised\n  - code: product-flaw\n"
                            "  - code: bad-sale.overpromised\n",
                        "duplicate-cause", 9, 11);
    CHECK(d.message.find("line 7") != std::string::npos);
  }

  TEST_CASE("no-evidence: confirmed without evidence while other confidences need none") {
    expect_one(k_open + "causes:\n  - code: product-flaw.defect\n    confidence: confirmed\n", "no-evidence", 7, 11);
    CHECK(check(k_open + "causes:\n  - {code: product-flaw.defect, confidence: likely}\n").empty());
    CHECK(check(k_open + "causes:\n  - {code: product-flaw.defect, confidence: confirmed, evidence: ENG-9}\n").empty());
  }

  TEST_CASE("dangling-link: caused_by names a code this case does not cite") {
    auto d = expect_one(k_open +
                            "causes:\n  - code: bad-sale.overpromised\n  - code: product-flaw.defect\n"
                            "    caused_by: [bad-sale.overpromise]\n",
                        "dangling-link", 9, 17);
    CHECK(d.suggestion == "did you mean `bad-sale.overpromised`?");
    // A real taxonomy code that is not cited here is just as dangling.
    expect_one(k_open + "causes:\n  - code: product-flaw.defect\n    caused_by: [bad-sale]\n", "dangling-link", 8, 17);
  }

  TEST_CASE("dangling-link: an action's cause must be cited in the case") {
    auto d = expect_one(k_closed +
                            "causes: [{code: product-flaw.defect}]\nactions:\n"
                            "  - {action: Fix, owner: engineering, cause: product-flaw.defekt}\n",
                        "dangling-link", 9, 46);
    CHECK(d.suggestion == "did you mean `product-flaw.defect`?");
    CHECK(d.message.find("product-flaw.defekt") != std::string::npos);
  }

  TEST_CASE("a misspelled cause cited and linked is one unknown-cause, not also a dangling-link") {
    auto found = check(k_closed +
                       "causes:\n  - code: bad-sale.overpromise\n  - code: product-flaw.defect\n"
                       "    caused_by: [bad-sale.overpromise]\n"
                       "actions:\n  - {action: Fix, owner: sales, cause: bad-sale.overpromise}\n");
    INFO(dump(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "unknown-cause");
    CHECK(found[0].mark.line == 8);
  }

  TEST_CASE("causal-cycle across three causes is reported once at the closing edge") {
    auto d = expect_one(k_open + R"(causes:
  - code: bad-sale.wrong-solution
    caused_by: [rushed-onboarding.rushed]
  - code: product-flaw.defect
    caused_by: [bad-sale.wrong-solution]
  - code: rushed-onboarding.rushed
    caused_by: [product-flaw.defect]
)",
                        "causal-cycle", 8, 17);
    CHECK(d.message.find("bad-sale.wrong-solution -> product-flaw.defect -> rushed-onboarding.rushed -> "
                         "bad-sale.wrong-solution") != std::string::npos);
  }

  TEST_CASE("causal-cycle: a cause that caused itself") {
    expect_one(k_open + "causes:\n  - code: product-flaw.defect\n    caused_by: [product-flaw.defect]\n",
               "causal-cycle", 8, 17);
  }

  TEST_CASE("a diamond of causes is not a cycle") {
    auto out = check(k_open + R"(causes:
  - code: bad-sale.wrong-solution
  - {code: rushed-onboarding.rushed, caused_by: [bad-sale.wrong-solution]}
  - {code: missed-signals.usage-decline, caused_by: [bad-sale.wrong-solution]}
  - {code: product-flaw.defect, caused_by: [rushed-onboarding.rushed, missed-signals.usage-decline]}
)");
    INFO(dump(out));
    CHECK(out.empty());
  }

  TEST_CASE("unknown-department in every place a department is named") {
    auto out = check(k_closed + R"(timeline:
  - {date: 2024-03-02, event: e, source: suport}
causes:
  - {code: bad-sale, owner: sale}
actions:
  - {action: a, owner: enginering}
reviewed:
  attendees: [sales, cs-team]
)");
    INFO(dump(out));
    auto found = with_rule(out, "unknown-department");
    CHECK(found.size() == 4);
    CHECK(has(out, "unknown-department", 8, 42));
    CHECK(has(out, "unknown-department", 10, 29));
    CHECK(has(out, "unknown-department", 12, 24));
    CHECK(has(out, "unknown-department", 14, 22));
    for (const auto& d : found)
      if (d.mark.line == 8) CHECK(d.suggestion == "did you mean `support`?");
  }

  TEST_CASE("no-actions: a closed case without actions is reported at the closed date") {
    expect_one(k_closed + "causes: [{code: bad-sale}]\n", "no-actions", 5, 9);
    CHECK(check(k_open + "causes: [{code: bad-sale}]\n").empty());
  }

  TEST_CASE("owner-absent: the taxonomy owner was not in the review") {
    auto d = expect_one(k_open + "causes:\n  - code: product-flaw.defect\nreviewed:\n  attendees: [sales, support]\n",
                        "owner-absent", 7, 11);
    CHECK(d.message.find("engineering") != std::string::npos);
    // Inherited override in the taxonomy: provisioning is owned by cloud-ops.
    auto cloud = expect_one(k_open +
                                "causes:\n  - code: product-flaw.provisioning\nreviewed:\n"
                                "  attendees: [engineering]\n",
                            "owner-absent", 7, 11);
    CHECK(cloud.message.find("cloud-ops") != std::string::npos);
  }

  TEST_CASE("owner-absent honours a cause's owner override") {
    // Override present, taxonomy owner absent: fine.
    CHECK(
        check(k_open + "causes:\n  - {code: product-flaw.defect, owner: support}\nreviewed:\n  attendees: [support]\n")
            .empty());
    // Override absent, taxonomy owner present: reported, naming the override.
    auto d = expect_one(k_open +
                            "causes:\n  - {code: product-flaw.defect, owner: support}\nreviewed:\n"
                            "  attendees: [engineering]\n",
                        "owner-absent", 7, 12);
    CHECK(d.message.find("`support`") != std::string::npos);
  }

  TEST_CASE("owner-absent needs a review with attendees") {
    CHECK(check(k_open + "causes:\n  - code: product-flaw.defect\n").empty());
    CHECK(check(k_open + "causes:\n  - code: product-flaw.defect\nreviewed:\n  date: 2024-04-01\n").empty());
  }

  TEST_CASE("deprecated-code: an alias is accepted and named with its new code") {
    auto d = expect_one(k_open + "causes:\n  - code: product-flaw.bug\n", "deprecated-code", 7, 11, alias_taxonomy());
    CHECK(d.message.find("product-flaw.defect") != std::string::npos);
    CHECK(d.suggestion.find("product-flaw.defect") != std::string::npos);
    expect_one(k_open + "causes:\n  - code: sales-miss\n", "deprecated-code", 7, 11, alias_taxonomy());
  }

  TEST_CASE("aliases resolve in links and actions and duplicates and owners") {
    const auto& t = alias_taxonomy();
    // caused_by and action cause by alias: no dangling-link.
    auto out = check(k_open +
                         "causes:\n  - code: bad-sale\n  - code: product-flaw.defect\n    caused_by: [sales-miss]\n"
                         "actions:\n  - {action: a, owner: sales, cause: product-flaw.bug}\n",
                     t);
    INFO(dump(out));
    CHECK(out.empty());
    // The alias and its code together are one cause cited twice.
    auto dup = check(k_open + "causes:\n  - code: product-flaw.defect\n  - code: product-flaw.bug\n", t);
    CHECK(has(dup, "duplicate-cause", 8, 11));
    CHECK(has(dup, "deprecated-code", 8, 11));
    // owner-absent uses the owner of the resolved code.
    auto absent = check(k_open + "causes:\n  - code: product-flaw.bug\nreviewed:\n  attendees: [sales]\n", t);
    CHECK(has(absent, "owner-absent", 7, 11));
  }
}  // TEST_SUITE
