#include <doctest/doctest.h>

#include "esc/model/case_detail.hpp"
#include "test_support.hpp"

using esc::CaseDetail;

namespace {

const char* k_case = R"(id: ESC-1
title: Export outage
account: {id: ACC-1, name: Acme, segment: enterprise, region: emea, arr: 100}
opened: 2024-01-02
closed: 2024-02-03
outcome: retained
severity: {claimed: sev1, assessed: sev2}
summary: A long summary of what happened.
timeline:
  - {date: 2024-01-02, event: Ticket opened, source: support}
causes:
  - code: bad-sale.overpromised
    confidence: confirmed
    evidence: The SOW says so.
    note: Seen before.
    caused_by: [missed-signals.usage-decline]
actions:
  - {action: Fix the SOW template, owner: sales, due: 2024-03-01, status: open, cause: bad-sale.overpromised}
signals_missed: [usage-decline]
reviewed: {date: 2024-02-10, attendees: [sales, support]}
tags: [renewal]
)";

esc::Case load() {
  auto built = test_support::build(k_case);
  REQUIRE(built.cases.size() == 1);
  return std::move(built.cases[0]);
}

}  // namespace

TEST_SUITE("case_detail") {
  TEST_CASE("full keeps everything") {
    esc::Case c = load();
    trim_case(c, CaseDetail::full);
    CHECK(c.summary == "A long summary of what happened.");
    CHECK(c.timeline.size() == 1);
    CHECK(c.causes.at(0).evidence == "The SOW says so.");
  }

  TEST_CASE("analysis keeps the identity and the title, the digest the rest") {
    esc::Case c = load();
    trim_case(c, CaseDetail::analysis);
    CHECK(c.summary.empty());
    CHECK(c.timeline.empty());
    CHECK(c.signals_missed.empty());
    CHECK(c.account.region.empty());
    CHECK(c.causes.empty());
    CHECK(c.actions.empty());
    CHECK(c.tags.empty());
    CHECK_FALSE(c.reviewed);
    CHECK(c.id.value == "ESC-1");
    CHECK(c.title.value == "Export outage");
    CHECK(c.account.name.value == "Acme");
    CHECK(c.account.arr == 100);
    CHECK(c.closed.has_value());
    CHECK(c.severity_claimed == 1);
    CHECK(c.severity_assessed == 2);
  }

  TEST_CASE("identity keeps what the set rules read") {
    esc::Case c = load();
    trim_case(c, CaseDetail::identity);
    CHECK(c.id.value == "ESC-1");
    CHECK(c.id.mark == esc::SourceMark{1, 5});
    CHECK(c.account.id.value == "ACC-1");
    CHECK(c.account.name.value == "Acme");
    CHECK(c.account.segment.value == "enterprise");
    CHECK(c.opened.has_value());
    CHECK(c.outcome == esc::Outcome::retained);
    CHECK(c.title.value.empty());
    CHECK(c.causes.empty());
    CHECK(c.actions.empty());
    CHECK(c.tags.empty());
    CHECK_FALSE(c.reviewed);
  }

  TEST_CASE("trimming frees the memory, not only the contents") {
    esc::Case c = load();
    c.summary.assign(4096, 'x');
    trim_case(c, CaseDetail::analysis);
    CHECK(c.summary.capacity() < 32);  // back to the small-string buffer
    CHECK(c.timeline.capacity() == 0);
    CHECK(c.causes.capacity() == 0);
  }
}
