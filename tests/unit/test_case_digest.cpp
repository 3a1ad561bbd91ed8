#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/model/case_digest.hpp"
#include "test_support.hpp"

namespace {

// product-flaw (engineering) > product-flaw.defect (alias product-flaw.bug),
// bad-sale (sales) > bad-sale.overpromised.
int add_entry(esc::Taxonomy& t, std::string code, std::string owner, int parent = -1,
              std::vector<std::string> aliases = {}) {
  esc::TaxonomyEntry entry;
  entry.code = std::move(code);
  entry.owner = std::move(owner);
  entry.parent = parent;
  entry.aliases = std::move(aliases);
  return t.add_entry(std::move(entry));
}

esc::Taxonomy small_taxonomy() {
  esc::Taxonomy t;
  t.add_department({"engineering", "Engineering", {}});
  t.add_department({"sales", "Sales", {}});
  int flaw = add_entry(t, "product-flaw", "engineering");
  add_entry(t, "product-flaw.defect", "engineering", flaw, {"product-flaw.bug"});
  int sale = add_entry(t, "bad-sale", "sales");
  add_entry(t, "bad-sale.overpromised", "sales", sale);
  return t;
}

esc::Case one_case(const std::string& yaml) {
  auto built = test_support::build(yaml);
  REQUIRE(built.cases.size() == 1);
  return std::move(built.cases[0]);
}

const std::string k_head =
    "id: ESC-1\ntitle: T\naccount: {id: ACC-1, name: Acme, segment: smb}\nopened: 2024-01-02\noutcome: open\n";

}  // namespace

TEST_SUITE("case_digest") {
  TEST_CASE("causes: canonical codes, distinct, in file order, unknown ones left out") {
    esc::Taxonomy t = small_taxonomy();
    esc::StringPool pool;
    esc::Case c = one_case(k_head + R"(causes:
  - {code: bad-sale.overpromised, confidence: confirmed}
  - {code: product-flaw.bug, confidence: likely, owner: sales, caused_by: [bad-sale.overpromised]}
  - {code: no-such.code, confidence: confirmed}
  - {code: product-flaw.defect, confidence: confirmed}
)");
    esc::CaseDigest d = esc::CaseDigest::of(c, t, pool);
    CHECK(d.source == &c);
    REQUIRE(d.cause_count() == 2);
    CHECK(t.entries()[d.cause(0).entry].code == "bad-sale.overpromised");
    CHECK(pool.view(d.cause(0).owner) == "sales");  // the taxonomy's owner
    CHECK(d.cause(0).confirmed);
    CHECK(d.cause(0).root);
    CHECK(t.entries()[d.cause(1).entry].code == "product-flaw.defect");  // the alias, resolved
    CHECK(pool.view(d.cause(1).owner) == "sales");                       // the case's override
    CHECK_FALSE(d.cause(1).confirmed);  // the first mention of a code counts, not the later duplicate
    CHECK_FALSE(d.cause(1).root);
    REQUIRE(d.edge_count() == 1);
    CHECK(d.edge(0).from == 0);
    CHECK(d.edge(0).to == 1);
  }

  TEST_CASE("links: distinct, through aliases, and only between codes the case cites") {
    esc::Taxonomy t = small_taxonomy();
    esc::StringPool pool;
    esc::Case c = one_case(k_head + R"(causes:
  - {code: product-flaw.defect, confidence: likely}
  - code: bad-sale.overpromised
    confidence: likely
    caused_by: [product-flaw.bug, product-flaw.defect, bad-sale, no-such.code]
)");
    esc::CaseDigest d = esc::CaseDigest::of(c, t, pool);
    REQUIRE(d.edge_count() == 1);  // bad-sale is known but not cited here
    CHECK(d.edge(0).from == 0);
    CHECK(d.edge(0).to == 1);
    CHECK_FALSE(d.cause(1).root);  // it names causes, even if none of them is cited
  }

  TEST_CASE("actions: owner, the canonical cause when known, due date and status") {
    esc::Taxonomy t = small_taxonomy();
    esc::StringPool pool;
    esc::Case c = one_case(k_head + R"(causes:
  - {code: product-flaw.defect, confidence: likely}
actions:
  - {action: A, owner: engineering, due: 2024-03-01, status: done, cause: product-flaw.bug}
  - {action: B, owner: support, status: open, cause: no-such.code}
  - {action: C, owner: sales, due: 0001-01-01, status: dropped}
)");
    esc::CaseDigest d = esc::CaseDigest::of(c, t, pool);
    REQUIRE(d.action_count() == 3);
    esc::DigestAction a = d.action(0);
    CHECK(pool.view(a.owner) == "engineering");
    REQUIRE(a.cause);
    CHECK(t.entries()[*a.cause].code == "product-flaw.defect");
    REQUIRE(a.due);
    CHECK(a.due->to_string() == "2024-03-01");
    CHECK(a.status == esc::ActionStatus::done);
    esc::DigestAction b = d.action(1);
    CHECK(pool.view(b.owner) == "support");
    CHECK_FALSE(b.cause);
    CHECK_FALSE(b.due);
    CHECK(b.status == esc::ActionStatus::open);
    esc::DigestAction e = d.action(2);
    CHECK_FALSE(e.cause);
    REQUIRE(e.due);
    CHECK(e.due->to_string() == "0001-01-01");
    CHECK(e.status == esc::ActionStatus::dropped);
  }

  TEST_CASE("attendees and tags share the pool's ids") {
    esc::Taxonomy t = small_taxonomy();
    esc::StringPool pool;
    esc::Case c = one_case(k_head + R"(causes:
  - {code: product-flaw.defect, confidence: likely}
reviewed: {date: 2024-02-01, attendees: [engineering, support]}
tags: [renewal, support]
)");
    esc::CaseDigest d = esc::CaseDigest::of(c, t, pool);
    REQUIRE(d.attendee_count() == 2);
    CHECK(d.attendee(0) == d.cause(0).owner);  // "engineering", interned once
    CHECK(pool.view(d.attendee(1)) == "support");
    REQUIRE(d.tag_count() == 2);
    CHECK(pool.view(d.tag(0)) == "renewal");
    CHECK(d.tag(1) == d.attendee(1));
    CHECK(pool.size() == 3);
  }

  TEST_CASE("a case with nothing to digest") {
    esc::Case c = one_case(k_head);
    esc::StringPool pool;
    esc::CaseDigest d = esc::CaseDigest::of(c, esc::default_taxonomy(), pool);
    CHECK(d.cause_count() == 0);
    CHECK(d.edge_count() == 0);
    CHECK(d.action_count() == 0);
    CHECK(d.attendee_count() == 0);
    CHECK(d.tag_count() == 0);
    CHECK(pool.size() == 0);
  }

  TEST_CASE("the pool gives one id per string, from several threads at once") {
    esc::StringPool pool;
    std::vector<std::vector<esc::StringPool::Id>> ids(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < ids.size(); ++t)
      threads.emplace_back([&pool, &ids, t] {
        for (int round = 0; round < 200; ++round)
          for (int i = 0; i < 50; ++i) ids[t].push_back(pool.intern("department-" + std::to_string((i + t) % 50)));
      });
    for (auto& thread : threads) thread.join();
    CHECK(pool.size() == 50);
    std::size_t wrong = 0;
    for (std::size_t t = 0; t < ids.size(); ++t)
      for (std::size_t k = 0; k < ids[t].size(); ++k)
        wrong += pool.view(ids[t][k]) == "department-" + std::to_string((k % 50 + t) % 50) ? 0 : 1;
    CHECK(wrong == 0);
  }
}
