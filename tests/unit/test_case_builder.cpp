#include <doctest/doctest.h>

#include "esc/load/case_builder.hpp"
#include "test_support.hpp"

using esc::ActionStatus;
using esc::Confidence;
using esc::Outcome;
using esc::SourceMark;
using test_support::build;
using test_support::dump;
using test_support::has;
using test_support::with_rule;

namespace {

// Lines 1-4 of a minimal valid case; what a test appends starts on line 5.
const std::string k_head = "id: C-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\n";

const char* k_full = R"(id: ESC-2024-0042
title: Reporting outage during renewal
account:
  id: ACME123
  name: ACME Corp
  segment: enterprise
  region: EMEA
  arr: 480000
opened: 2024-03-02
closed: 2024-04-18
outcome: retained
severity:
  claimed: sev1
  assessed: sev3
summary: |
  Exports timed out.
timeline:
  - date: 2024-03-02
    event: Sev1 ticket opened
    source: support
causes:
  - code: product-flaw.defect
    confidence: confirmed
    evidence: PRD-881
    owner: engineering
    caused_by: [bad-sale.wrong-solution]
    note: free text
  - code: bad-sale.wrong-solution
signals_missed:
  - Logins fell 40% in February
actions:
  - action: Fix export timeout
    owner: engineering
    due: 2024-05-01
    status: done
    cause: product-flaw.defect
  - action: Retrain support
    owner: support
reviewed:
  date: 2024-04-25
  attendees: [sales, engineering, support]
tags: [renewal-2024]
)";

// Builds one document and asserts exactly one diagnostic of `rule` at line:column.
test_support::Built expect_one(const std::string& yaml, const std::string& rule, std::uint32_t line,
                               std::uint32_t column) {
  auto b = build(yaml);
  INFO(yaml);
  INFO(dump(b.diagnostics));
  CHECK(b.diagnostics.size() == 1);
  CHECK(has(b.diagnostics, rule, line, column));
  return b;
}

}  // namespace

TEST_SUITE("case_builder") {
  TEST_CASE("a complete case is read field by field") {
    auto b = build(k_full);
    INFO(dump(b.diagnostics));
    CHECK(b.diagnostics.empty());
    REQUIRE(b.cases.size() == 1);
    const esc::Case& c = b.cases[0];
    CHECK(c.mark == SourceMark{1, 1});
    CHECK(c.id.value == "ESC-2024-0042");
    CHECK(c.id.mark == SourceMark{1, 5});
    CHECK(c.title.value == "Reporting outage during renewal");
    CHECK(c.account.id.value == "ACME123");
    CHECK(c.account.id.mark == SourceMark{4, 7});
    CHECK(c.account.name.value == "ACME Corp");
    CHECK(c.account.segment.value == "enterprise");
    CHECK(c.account.region == "EMEA");
    REQUIRE(c.account.arr);
    CHECK(*c.account.arr == doctest::Approx(480000));
    CHECK(c.opened->to_string() == "2024-03-02");
    CHECK(c.opened_mark == SourceMark{9, 9});
    CHECK(c.closed->to_string() == "2024-04-18");
    CHECK(c.outcome == Outcome::retained);
    CHECK(c.severity_claimed == 1);
    CHECK(c.severity_assessed == 3);
    CHECK(c.summary == "Exports timed out.\n");
    REQUIRE(c.timeline.size() == 1);
    CHECK(c.timeline[0].event == "Sev1 ticket opened");
    CHECK(c.timeline[0].source.value == "support");
    CHECK(c.timeline[0].date_mark == SourceMark{18, 11});
    CHECK(c.has_causes_key);
    REQUIRE(c.causes.size() == 2);
    CHECK(c.causes[0].code.value == "product-flaw.defect");
    CHECK(c.causes[0].code.mark == SourceMark{22, 11});
    CHECK(c.causes[0].mark == SourceMark{22, 5});
    CHECK(c.causes[0].confidence == Confidence::confirmed);
    CHECK(c.causes[0].evidence == "PRD-881");
    CHECK(c.causes[0].owner.value == "engineering");
    REQUIRE(c.causes[0].caused_by.size() == 1);
    CHECK(c.causes[0].caused_by[0].value == "bad-sale.wrong-solution");
    CHECK(c.causes[0].caused_by[0].mark == SourceMark{26, 17});
    CHECK(c.causes[0].note == "free text");
    CHECK(c.signals_missed == std::vector<std::string>{"Logins fell 40% in February"});
    REQUIRE(c.actions.size() == 2);
    CHECK(c.actions[0].owner.value == "engineering");
    CHECK(c.actions[0].due->to_string() == "2024-05-01");
    CHECK(c.actions[0].status == ActionStatus::done);
    CHECK(c.actions[0].cause.value == "product-flaw.defect");
    REQUIRE(c.reviewed);
    CHECK(c.reviewed->date->to_string() == "2024-04-25");
    REQUIRE(c.reviewed->attendees.size() == 3);
    CHECK(c.reviewed->attendees[2].value == "support");
    CHECK(c.tags == std::vector<std::string>{"renewal-2024"});
    CHECK_FALSE(c.is_open());
  }

  TEST_CASE("defaults are confidence suspected and status open with optional fields empty") {
    auto b = build(k_full);
    REQUIRE(b.cases.size() == 1);
    const esc::Case& c = b.cases[0];
    CHECK(c.causes[1].confidence == Confidence::suspected);
    CHECK(c.causes[1].caused_by.empty());
    CHECK(c.causes[1].owner.value.empty());
    CHECK(c.actions[1].status == ActionStatus::open);
    CHECK_FALSE(c.actions[1].due);
    CHECK(c.actions[1].cause.value.empty());

    auto minimal = build(k_head);
    REQUIRE(minimal.cases.size() == 1);
    const esc::Case& m = minimal.cases[0];
    CHECK_FALSE(m.closed);
    CHECK_FALSE(m.outcome);
    CHECK_FALSE(m.severity_claimed);
    CHECK_FALSE(m.account.arr);
    CHECK_FALSE(m.reviewed);
    CHECK_FALSE(m.has_causes_key);
    CHECK(m.is_open());
  }

  TEST_CASE("null values count as absent") {
    auto b = build(k_head + "closed: ~\noutcome:\nsummary: null\n");
    CHECK(b.diagnostics.empty());
    REQUIRE(b.cases.size() == 1);
    CHECK_FALSE(b.cases[0].closed);
    CHECK_FALSE(b.cases[0].outcome);
  }

  TEST_CASE("quoted dates and numbers-as-text ids are accepted") {
    auto b = build("id: 2024\ntitle: '42'\naccount: {id: 7}\nopened: \"2024-03-02\"\n");
    CHECK(b.diagnostics.empty());
    REQUIRE(b.cases.size() == 1);
    CHECK(b.cases[0].opened->to_string() == "2024-03-02");
    CHECK(b.cases[0].id.value == "2024");
  }

  TEST_CASE("an empty document is no case and no error") {
    auto b = build("# nothing here\n");
    CHECK(b.cases.empty());
    CHECK(b.diagnostics.empty());
  }

  TEST_CASE("a root that is not a mapping is wrong-type and no case") {
    auto list = build("- id: C-1\n");
    CHECK(list.cases.empty());
    CHECK(has(list.diagnostics, "wrong-type", 1, 1));
    auto scalar = build("just text\n");
    CHECK(scalar.cases.empty());
    CHECK(has(scalar.diagnostics, "wrong-type", 1, 1));
  }

  TEST_CASE("missing-field for each required field is at the enclosing mapping") {
    expect_one("title: t\naccount: {id: A}\nopened: 2024-01-01\n", "missing-field", 1, 1);              // id
    expect_one("id: C-1\naccount: {id: A}\nopened: 2024-01-01\n", "missing-field", 1, 1);               // title
    expect_one("id: C-1\ntitle: t\nopened: 2024-01-01\n", "missing-field", 1, 1);                       // account
    expect_one("id: C-1\ntitle: t\naccount: {id: A}\n", "missing-field", 1, 1);                         // opened
    expect_one("id: C-1\ntitle: t\naccount: {name: N}\nopened: 2024-01-01\n", "missing-field", 3, 10);  // account.id
    expect_one(k_head + "causes:\n  - confidence: likely\n", "missing-field", 6, 5);                    // cause code
    expect_one(k_head + "actions:\n  - owner: support\n", "missing-field", 6, 5);                       // action text
    expect_one(k_head + "actions:\n  - action: Do it\n", "missing-field", 6, 5);                        // action owner
    expect_one(k_head + "timeline:\n  - event: e\n", "missing-field", 6, 5);                            // timeline date
    expect_one(k_head + "timeline:\n  - date: 2024-01-02\n", "missing-field", 6, 5);  // timeline event
  }

  TEST_CASE("missing-field messages name the field") {
    auto b = build("id: C-1\ntitle: t\naccount: {id: A}\n");
    REQUIRE(b.diagnostics.size() == 1);
    CHECK(b.diagnostics[0].message.find("opened") != std::string::npos);
    CHECK(b.diagnostics[0].severity == esc::Severity::error);
  }

  TEST_CASE("an empty quoted required field is missing-field") {
    // NodeReader::required_text documents "missing-field ... when absent or empty"
    // and the rule catalog says "absent or empty"; `id: ""` passes silently.
    auto b = build("id: \"\"\ntitle: ''\naccount: {id: \"\"}\nopened: 2024-01-01\n");
    INFO(dump(b.diagnostics));
    CHECK(with_rule(b.diagnostics, "missing-field").size() == 3);
  }

  TEST_CASE("wrong-type for values of the wrong shape") {
    expect_one("id: C-1\ntitle: [a, b]\naccount: {id: A}\nopened: 2024-01-01\n", "wrong-type", 2, 8);
    expect_one("id: C-1\ntitle: t\naccount: ACME\nopened: 2024-01-01\n", "wrong-type", 3, 10);
    expect_one("id: C-1\ntitle: t\naccount: {id: {x: 1}}\nopened: 2024-01-01\n", "wrong-type", 3, 15);
    expect_one(k_head + "causes: {code: bad-sale}\n", "wrong-type", 5, 9);
    expect_one(k_head + "causes:\n  - bad-sale\n", "wrong-type", 6, 5);
    expect_one(k_head + "causes:\n  - code: bad-sale\n    caused_by: [{a: 1}]\n", "wrong-type", 7, 17);
    expect_one(k_head + "causes:\n  - code: [bad-sale]\n", "wrong-type", 6, 11);
    expect_one(k_head + "severity: sev1\n", "wrong-type", 5, 11);
    expect_one(k_head + "reviewed: [sales]\n", "wrong-type", 5, 11);
    expect_one(k_head + "signals_missed:\n  - [nested]\n", "wrong-type", 6, 5);
    expect_one(k_head + "actions: fix it\n", "wrong-type", 5, 10);
  }

  TEST_CASE("a scalar where a list belongs suggests the list form") {
    auto b = expect_one(k_head + "tags: renewal\n", "wrong-type", 5, 7);
    REQUIRE(b.diagnostics.size() == 1);
    CHECK(b.diagnostics[0].suggestion == "write it as a list: [renewal]");
    expect_one(k_head + "timeline: yesterday\n", "wrong-type", 5, 11);
    expect_one(k_head + "reviewed:\n  attendees: sales\n", "wrong-type", 6, 14);
  }

  TEST_CASE("arr must be a finite number >= 0") {
    for (std::string bad : {"-5", "480k", "0x10", "nan", ".inf", "1e400", "[1]", "'12 000'"}) {
      CAPTURE(bad);
      expect_one("id: C-1\ntitle: t\naccount:\n  id: A\n  arr: " + bad + "\nopened: 2024-01-01\n", "wrong-type", 5, 8);
    }
    for (std::string good : {"0", "480000", "1.5e3", "480000.50"}) {
      CAPTURE(good);
      auto b = build("id: C-1\ntitle: t\naccount:\n  id: A\n  arr: " + good + "\nopened: 2024-01-01\n");
      CHECK(b.diagnostics.empty());
      REQUIRE(b.cases.size() == 1);
      CHECK(b.cases[0].account.arr);
    }
  }

  TEST_CASE("a quoted arr is text and not a number") {
    // yaml_node.hpp: a quoted scalar is "never null, never a number".
    expect_one("id: C-1\ntitle: t\naccount:\n  id: A\n  arr: \"480000\"\nopened: 2024-01-01\n", "wrong-type", 5, 8);
  }

  TEST_CASE("case ids may use only letters and digits and dot and underscore and dash") {
    auto b = expect_one("id: ESC 2024/1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\n", "wrong-type", 1, 5);
    CHECK(build("id: a.B_c-9\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\n").diagnostics.empty());
  }

  TEST_CASE("a key that is not text is wrong-type") {
    expect_one(k_head + "? [a]\n: b\n", "wrong-type", 5, 3);
  }

  TEST_CASE("bad-date for every date field") {
    expect_one("id: C-1\ntitle: t\naccount: {id: A}\nopened: 2024-02-30\n", "bad-date", 4, 9);
    expect_one("id: C-1\ntitle: t\naccount: {id: A}\nopened: 20240302\n", "bad-date", 4, 9);
    expect_one(k_head + "closed: yesterday\n", "bad-date", 5, 9);
    expect_one(k_head + "timeline:\n  - date: 2024-13-01\n    event: e\n", "bad-date", 6, 11);
    expect_one(k_head + "actions:\n  - action: a\n    owner: support\n    due: soon\n", "bad-date", 8, 10);
    expect_one(k_head + "reviewed:\n  date: 2024/04/25\n", "bad-date", 6, 9);
    auto b = build(k_head + "closed: 2024-1-5\n");
    REQUIRE(b.diagnostics.size() == 1);
    CHECK(b.diagnostics[0].message.find("2024-1-5") != std::string::npos);
    CHECK_FALSE(b.diagnostics[0].suggestion.empty());
  }

  TEST_CASE("bad-enum for every enumerated field with did-you-mean") {
    auto outcome = expect_one(k_head + "outcome: churn\n", "bad-enum", 5, 10);
    CHECK(outcome.diagnostics[0].suggestion == "did you mean `churned`?");
    CHECK(outcome.cases[0].outcome_mark == SourceMark{5, 10});
    auto confidence = expect_one(k_head + "causes:\n  - code: bad-sale\n    confidence: confirmd\n", "bad-enum", 7, 17);
    CHECK(confidence.diagnostics[0].suggestion == "did you mean `confirmed`?");
    CHECK(confidence.cases[0].causes[0].confidence == Confidence::suspected);
    auto status =
        expect_one(k_head + "actions:\n  - action: a\n    owner: support\n    status: don\n", "bad-enum", 8, 13);
    CHECK(status.diagnostics[0].suggestion == "did you mean `done`?");
    auto claimed = expect_one(k_head + "severity:\n  claimed: sev5\n", "bad-enum", 6, 12);
    CHECK(claimed.diagnostics[0].suggestion == "did you mean `sev1`?");
    auto assessed = expect_one(k_head + "severity:\n  assessed: critical\n", "bad-enum", 6, 13);
    CHECK(assessed.diagnostics[0].message.find("sev1, sev2, sev3, sev4") != std::string::npos);
  }

  TEST_CASE("a key one slip from a known key is misspelled-key (an error) at every level") {
    struct Row {
      std::string yaml;
      std::uint32_t line, column;
      std::string known;
    };
    const Row rows[] = {
        {k_head + "sumary: x\n", 5, 1, "summary"},
        {"id: C-1\ntitle: t\naccount: {id: A, nmae: N}\nopened: 2024-01-01\n", 3, 18, "name"},
        {k_head + "causes:\n  - code: bad-sale\n    evidense: x\n", 7, 5, "evidence"},
        {k_head + "causes:\n  - code: bad-sale\n    confidance: likely\n", 7, 5, "confidence"},
        {k_head + "causes:\n  - code: bad-sale\n    causedby: []\n", 7, 5, "caused_by"},
        {k_head + "actions:\n  - action: a\n    owner: support\n    staus: done\n", 8, 5, "status"},
        {k_head + "timeline:\n  - date: 2024-01-02\n    event: e\n    sourse: sales\n", 8, 5, "source"},
        {k_head + "reviewed:\n  attendes: [sales]\n", 6, 3, "attendees"},
        {k_head + "severity:\n  claimd: sev1\n", 6, 3, "claimed"},
        {k_head + "Outcome: churned\n", 5, 1, "outcome"},
    };
    for (const auto& row : rows) {
      CAPTURE(row.known);
      auto b = expect_one(row.yaml, "misspelled-key", row.line, row.column);
      REQUIRE(b.diagnostics.size() == 1);
      CHECK(b.diagnostics[0].severity == esc::Severity::error);
      CHECK(b.diagnostics[0].message.find("a misspelling of `" + row.known + "`?") != std::string::npos);
      CHECK(b.diagnostics[0].suggestion == "write `" + row.known + "`; as it is, this value is ignored");
    }
  }

  TEST_CASE("unknown-key (a warning) for keys further away, with did-you-mean") {
    struct Row {
      std::string yaml;
      std::string suggestion;
    };
    const Row rows[] = {
        {k_head + "sumery: x\n", "did you mean `summary`?"},
        {k_head + "causes:\n  - code: bad-sale\n    evidanse: x\n", "did you mean `evidence`?"},
        {k_head + "zzzzzzzz: 1\n", ""},
    };
    for (const auto& row : rows) {
      auto b = build(row.yaml);
      REQUIRE(b.diagnostics.size() == 1);
      CHECK(b.diagnostics[0].rule == "unknown-key");
      CHECK(b.diagnostics[0].severity == esc::Severity::warning);
      CHECK(b.diagnostics[0].suggestion == row.suggestion);
    }
  }

  TEST_CASE("an unknown key does not stop the rest of the case being read") {
    auto b = build(k_head + "colour: blue\noutcome: churned\n");
    REQUIRE(b.cases.size() == 1);
    CHECK(b.cases[0].outcome == Outcome::churned);
  }

  TEST_CASE("diagnostics carry the file and the case index") {
    auto b = build(k_head + "---\n" + k_head + "sumery: x\n", "two.yaml");
    REQUIRE(b.cases.size() == 2);
    CHECK(b.cases[1].document == 1);
    REQUIRE(b.diagnostics.size() == 1);
    CHECK(b.diagnostics[0].file == "two.yaml");
    CHECK(b.diagnostics[0].case_index == 1);
    CHECK(b.diagnostics[0].mark == SourceMark{10, 1});
  }

  TEST_CASE("causes: [] is an explicit empty list") {
    auto b = build(k_head + "causes: []\n");
    REQUIRE(b.cases.size() == 1);
    CHECK(b.cases[0].has_causes_key);
    CHECK(b.cases[0].causes.empty());
  }

  TEST_CASE("case_keys lists the top-level keys in documentation order") {
    const std::vector<std::string> expected = {"id",       "title",   "account",  "opened", "closed",         "outcome",
                                               "severity", "summary", "timeline", "causes", "signals_missed", "actions",
                                               "reviewed", "tags"};
    CHECK(esc::case_keys() == expected);
  }

}  // TEST_SUITE
