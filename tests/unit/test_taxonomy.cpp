#include <doctest/doctest.h>

#include <map>

#include "esc/load/taxonomy_loader.hpp"
#include "test_support.hpp"

using esc::Diagnostic;
using esc::SourceText;
using esc::Taxonomy;
using test_support::dump;
using test_support::has;
using test_support::with_rule;

namespace {

struct Parsed {
  std::optional<Taxonomy> taxonomy;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse(const std::string& yaml) {
  Parsed p;
  p.taxonomy = esc::parse_taxonomy(SourceText("tax.yaml", yaml), p.diagnostics);
  return p;
}

// Lines 1-4: a valid header with two departments; causes start on line 5.
const std::string k_head =
    "version: 1\ndepartments:\n  - {id: sales, title: Sales}\n  - {id: engineering, title: Engineering}\n";

void expect_error(const std::string& yaml, const std::string& rule, std::uint32_t line, std::uint32_t column) {
  Parsed p = parse(yaml);
  INFO(yaml);
  INFO(dump(p.diagnostics));
  CHECK_FALSE(p.taxonomy);
  CHECK(has(p.diagnostics, rule, line, column));
}

}  // namespace

TEST_SUITE("taxonomy") {
  TEST_CASE("the default taxonomy has all nine departments") {
    const Taxonomy& t = esc::default_taxonomy();
    const std::vector<std::string> expected = {"sales",   "revops",    "engineering", "services",  "customer-success",
                                               "support", "cloud-ops", "marketing",   "leadership"};
    auto ids = t.department_ids();
    CHECK(ids.size() == 9);
    for (const auto& id : expected) {
      CAPTURE(id);
      REQUIRE(t.find_department(id));
      CHECK_FALSE(t.find_department(id)->title.empty());
    }
  }

  TEST_CASE("the default taxonomy has every code of SPEC section 3 with the right owner") {
    const Taxonomy& t = esc::default_taxonomy();
    const std::map<std::string, std::string> owners = {
        {"bad-sale", "sales"},
        {"bad-sale.wrong-solution", "sales"},
        {"bad-sale.overpromised", "sales"},
        {"bad-sale.segment-mismatch", "sales"},
        {"product-flaw", "engineering"},
        {"product-flaw.defect", "engineering"},
        {"product-flaw.design", "engineering"},
        {"product-flaw.provisioning", "cloud-ops"},
        {"product-flaw.complexity", "engineering"},
        {"missing-crm-context", "sales"},
        {"missing-crm-context.undocumented-goals", "sales"},
        {"missing-crm-context.no-visibility", "revops"},
        {"rushed-onboarding", "customer-success"},
        {"rushed-onboarding.none", "customer-success"},
        {"rushed-onboarding.rushed", "customer-success"},
        {"rushed-onboarding.too-high-level", "customer-success"},
        {"rushed-onboarding.no-oversight", "customer-success"},
        {"rushed-onboarding.services-scope", "services"},
        {"support-closure-incentives", "support"},
        {"support-closure-incentives.workaround-closure", "support"},
        {"support-closure-incentives.severity-gaming", "support"},
        {"support-closure-incentives.reactive-triage", "support"},
        {"missed-signals", "customer-success"},
        {"missed-signals.usage-decline", "customer-success"},
        {"missed-signals.no-health-monitoring", "customer-success"},
        {"missed-signals.ignored-feedback", "customer-success"},
    };
    for (const auto& [code, owner] : owners) {
      CAPTURE(code);
      const esc::TaxonomyEntry* entry = t.find(code);
      REQUIRE(entry);
      CHECK(entry->owner == owner);
      CHECK_FALSE(entry->title.empty());
      CHECK_FALSE(entry->question.empty());
      CHECK(t.find_department(entry->owner));
      bool category = code.find('.') == std::string::npos;
      CHECK((entry->parent < 0) == category);
      CHECK(t.category_of(*entry).code == code.substr(0, code.find('.')));
    }
  }

  TEST_CASE("in the default taxonomy every child's code starts with its parent's") {
    const Taxonomy& t = esc::default_taxonomy();
    for (const auto& entry : t.entries()) {
      CAPTURE(entry.code);
      for (int child : entry.children)
        CHECK(t.entries()[static_cast<std::size_t>(child)].code.rfind(entry.code + ".", 0) == 0);
    }
    CHECK(t.codes().size() == t.entries().size());
    CHECK_FALSE(esc::default_taxonomy_text().empty());
  }

  TEST_CASE("a small valid taxonomy parses and children inherit the owner") {
    Parsed p = parse(k_head + R"(causes:
  - code: bad-sale
    title: Bad sale
    owner: sales
    children:
      - code: bad-sale.wrong-solution
        title: Wrong solution
      - code: bad-sale.tech
        title: Tech
        owner: engineering
)");
    INFO(dump(p.diagnostics));
    REQUIRE(p.taxonomy);
    CHECK(p.diagnostics.empty());
    CHECK(p.taxonomy->find("bad-sale.wrong-solution")->owner == "sales");
    CHECK(p.taxonomy->find("bad-sale.tech")->owner == "engineering");
    CHECK(p.taxonomy->find("bad-sale")->children.size() == 2);
    CHECK(p.taxonomy->find("bad-sale.tech")->mark == esc::SourceMark{12, 15});
    CHECK_FALSE(p.taxonomy->find("bad-sale.other"));
  }

  TEST_CASE("aliases resolve to the current code") {
    Parsed p = parse(k_head + R"(causes:
  - code: product-flaw
    title: Product flaw
    owner: engineering
    aliases: [bug]
    children:
      - code: product-flaw.defect
        title: Defect
        aliases: [product-flaw.bug, product-flaw.regression]
)");
    INFO(dump(p.diagnostics));
    REQUIRE(p.taxonomy);
    const Taxonomy& t = *p.taxonomy;
    CHECK_FALSE(t.find("product-flaw.bug"));
    REQUIRE(t.find_alias("product-flaw.bug"));
    CHECK(t.find_alias("product-flaw.bug")->code == "product-flaw.defect");
    CHECK(t.resolve("product-flaw.regression")->code == "product-flaw.defect");
    CHECK(t.resolve("product-flaw.defect")->code == "product-flaw.defect");
    CHECK(t.resolve("bug")->code == "product-flaw");
    CHECK_FALSE(t.resolve("nothing"));
    CHECK(t.find("product-flaw.defect")->aliases.size() == 2);
  }

  TEST_CASE("bad-code for malformed codes") {
    for (std::string code : {"Bad-Sale", "bad_sale", "bad sale", "bad-sale.", ".bad-sale", "bad..sale"}) {
      CAPTURE(code);
      expect_error(k_head + "causes:\n  - code: " + code + "\n    title: T\n    owner: sales\n", "bad-code", 6, 11);
    }
  }

  TEST_CASE("bad-code for a top-level code with a dot and a child outside its parent") {
    expect_error(k_head + "causes:\n  - code: bad.sale\n    title: T\n    owner: sales\n", "bad-code", 6, 11);
    expect_error(k_head + R"(causes:
  - code: bad-sale
    title: T
    owner: sales
    children:
      - code: product-flaw.defect
        title: D
)",
                 "bad-code", 10, 15);
    expect_error(k_head + R"(causes:
  - code: bad-sale
    title: T
    owner: sales
    children:
      - code: bad-salesy.x
        title: D
)",
                 "bad-code", 10, 15);
  }

  TEST_CASE("bad-code for an alias that is malformed or already a code") {
    expect_error(k_head + "causes:\n  - code: a\n    title: A\n    owner: sales\n    aliases: [Not_Valid]\n",
                 "bad-code", 9, 15);
    expect_error(k_head +
                     "causes:\n  - code: a\n    title: A\n    owner: sales\n  - code: b\n    title: B\n"
                     "    owner: sales\n    aliases: [a]\n",
                 "bad-code", 12, 15);
  }

  TEST_CASE("unknown-department for an owner not listed with did-you-mean") {
    Parsed p = parse(k_head + "causes:\n  - code: a\n    title: A\n    owner: engneering\n");
    INFO(dump(p.diagnostics));
    CHECK_FALSE(p.taxonomy);
    auto found = with_rule(p.diagnostics, "unknown-department");
    REQUIRE(found.size() == 1);
    CHECK(found[0].mark == esc::SourceMark{8, 12});
    CHECK(found[0].suggestion == "did you mean `engineering`?");
  }

  TEST_CASE("duplicate-cause for a code defined twice or equal to an alias") {
    expect_error(k_head +
                     "causes:\n  - code: a\n    title: A\n    owner: sales\n  - code: a\n    title: A2\n"
                     "    owner: sales\n",
                 "duplicate-cause", 9, 11);
    expect_error(k_head +
                     "causes:\n  - code: a\n    title: A\n    owner: sales\n    aliases: [b]\n  - code: b\n"
                     "    title: B\n    owner: sales\n",
                 "duplicate-cause", 10, 11);
  }

  TEST_CASE("missing-field for absent parts") {
    expect_error("version: 1\ncauses: []\n", "missing-field", 1, 1);                            // departments
    expect_error(k_head, "missing-field", 1, 1);                                                // causes
    expect_error(k_head + "causes:\n  - code: a\n    title: A\n", "missing-field", 6, 5);       // category owner
    expect_error(k_head + "causes:\n  - title: A\n    owner: sales\n", "missing-field", 6, 5);  // code
    expect_error(k_head + "causes:\n  - code: a\n    owner: sales\n", "missing-field", 6, 5);   // title
    expect_error(k_head + "departments:\n", "duplicate-key", 5, 1);
    expect_error("", "missing-field", 1, 1);  // empty file
    expect_error("version: 1\ndepartments:\n  - {title: Sales}\ncauses: []\n", "missing-field", 3, 5);
  }

  TEST_CASE("a department listed twice is reported") {
    expect_error("version: 1\ndepartments:\n  - {id: sales}\n  - {id: sales}\ncauses: []\n", "duplicate-id", 4, 10);
  }

  TEST_CASE("an unsupported version is bad-enum") {
    expect_error("version: 2\ndepartments: []\ncauses: []\n", "bad-enum", 1, 10);
  }

  TEST_CASE("a taxonomy file holds one document") {
    expect_error(k_head + "causes: []\n---\n" + k_head + "causes: []\n", "wrong-type", 7, 1);
  }

  TEST_CASE("wrong shapes are wrong-type") {
    expect_error("- a\n", "wrong-type", 1, 1);
    expect_error("version: 1\ndepartments: sales\ncauses: []\n", "wrong-type", 2, 14);
    expect_error(k_head + "causes:\n  - bad-sale\n", "wrong-type", 6, 5);
    expect_error(k_head + "causes:\n  - code: a\n    title: A\n    owner: sales\n    children: b\n", "wrong-type", 9,
                 15);
  }

  TEST_CASE("unknown keys are warnings and do not make the taxonomy unusable") {
    Parsed p = parse(k_head + "causes:\n  - code: a\n    title: A\n    owner: sales\n    questoinn: Q?\n");
    INFO(dump(p.diagnostics));
    CHECK(p.taxonomy);
    REQUIRE(with_rule(p.diagnostics, "unknown-key").size() == 1);
    CHECK(with_rule(p.diagnostics, "unknown-key")[0].suggestion == "did you mean `question`?");
    // One slip from `question` is misspelled-key: an error, the question would be lost.
    Parsed slip = parse(k_head + "causes:\n  - code: a\n    title: A\n    owner: sales\n    questoin: Q?\n");
    CHECK(with_rule(slip.diagnostics, "misspelled-key").size() == 1);
  }

  TEST_CASE("a syntax error in a taxonomy is reported") {
    expect_error("version: 1\ndepartments: [\n", "yaml-syntax", 3, 1);
  }

  TEST_CASE("a taxonomy with a syntax error is not also called empty") {
    // parse_taxonomy adds "the taxonomy file is empty" (missing-field at 1:1)
    // whenever no document was delivered, including after a syntax error.
    Parsed p = parse("version: 1\ndepartments: [\n");
    INFO(dump(p.diagnostics));
    CHECK(p.diagnostics.size() == 1);
    CHECK(with_rule(p.diagnostics, "missing-field").empty());
  }

  TEST_CASE("load_taxonomy_file reports a missing file") {
    std::vector<Diagnostic> out;
    CHECK_FALSE(esc::load_taxonomy_file("/nonexistent/taxonomy.yaml", out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "io-error");
  }

  TEST_CASE("load_taxonomy_file reads the repository's built-in taxonomy file") {
    std::vector<Diagnostic> out;
    auto t = esc::load_taxonomy_file(std::string(ESC_SOURCE_DIR) + "/templates/taxonomy.yaml", out);
    INFO(dump(out));
    REQUIRE(t);
    CHECK(t->codes() == esc::default_taxonomy().codes());
  }

}  // TEST_SUITE
