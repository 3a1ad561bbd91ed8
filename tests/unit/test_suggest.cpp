#include <doctest/doctest.h>

#include "esc/load/taxonomy_loader.hpp"
#include "esc/model/case.hpp"
#include "esc/model/suggest.hpp"

using esc::closest_match;
using esc::did_you_mean;
using esc::edit_distance;

TEST_SUITE("suggest") {
  TEST_CASE("edit_distance is the Levenshtein distance") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("same", "same") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("summary", "sumary") == 1);       // deletion
    CHECK(edit_distance("sumary", "summary") == 1);       // insertion
    CHECK(edit_distance("confirmed", "confirmad") == 1);  // substitution
    CHECK(edit_distance("ab", "ba") == 2);                // a transposition is two edits
  }

  TEST_CASE("edit_distance is symmetric and counts bytes") {
    CHECK(edit_distance("product-flaw.defect", "product-flaw.defects") ==
          edit_distance("product-flaw.defects", "product-flaw.defect"));
    CHECK(edit_distance("\xC3\xA9", "e") == 2);  // "é" is two bytes
  }

  TEST_CASE("closest_match picks the nearest candidate within the threshold") {
    std::vector<std::string> keys = {"id", "title", "summary", "severity", "signals_missed"};
    CHECK(closest_match("sumary", keys) == "summary");
    CHECK(closest_match("titel", keys) == "title");
    CHECK(closest_match("severty", keys) == "severity");
    CHECK(closest_match("signals-missed", keys) == "signals_missed");
    CHECK(closest_match("title", keys) == "title");  // an exact match is its own suggestion
  }

  TEST_CASE("closest_match allows max(2 or len/3) edits and no more") {
    // Short words: up to 2 edits.
    CHECK(closest_match("ab", {"abcd"}) == "abcd");
    CHECK(closest_match("ab", {"abcde"}).empty());
    // 12 letters: up to 4 edits.
    CHECK(closest_match("abcdefghijkl", {"abcdefghWXYZ"}) == "abcdefghWXYZ");
    CHECK(closest_match("abcdefghijkl", {"abcdefgVWXYZ"}).empty());
  }

  TEST_CASE("closest_match prefers the smallest distance and then the first candidate") {
    CHECK(closest_match("sev5", {"sev1", "sev2", "sev3", "sev4"}) == "sev1");
    CHECK(closest_match("opem", {"done", "open"}) == "open");
    CHECK(closest_match("churn", {"open", "at-risk", "retained", "downgraded", "churned"}) == "churned");
  }

  TEST_CASE("closest_match returns nothing for an empty word or no candidates or a far word") {
    CHECK(closest_match("", {"a", "b"}).empty());
    CHECK(closest_match("word", {}).empty());
    CHECK(closest_match("completely-unrelated", {"id", "title"}).empty());
  }

  TEST_CASE("a unique dotted suffix is matched to the full code") {
    const auto codes = esc::default_taxonomy().codes();
    CHECK(closest_match("defect", codes) == "product-flaw.defect");
    CHECK(closest_match("wrong-solution", codes) == "bad-sale.wrong-solution");
    CHECK(closest_match("workaround-closure", codes) == "support-closure-incentives.workaround-closure");
    // Only whole dotted segments count.
    CHECK(closest_match("xyzzy-closure", codes).empty());
  }

  TEST_CASE("an ambiguous suffix suggests nothing") {
    std::vector<std::string> codes = {"alpha.shared-leaf", "beta.shared-leaf", "gamma.other"};
    CHECK(closest_match("shared-leaf", codes).empty());
    CHECK(closest_match("other", codes) == "gamma.other");
  }

  TEST_CASE("a unique prefix is matched as the header promises") {
    // suggest.hpp: "... or `word` is a unique suffix or prefix of it". Only the
    // dotted-suffix half is implemented.
    std::vector<std::string> codes = {"missed-signals", "bad-sale", "product-flaw"};
    CHECK(closest_match("missed", codes) == "missed-signals");
    CHECK(closest_match("rushed-onboarding.too", esc::default_taxonomy().codes()) ==
          "rushed-onboarding.too-high-level");
  }

  TEST_CASE("suggestions by shape: letter case, initials, bare numbers, old dotted codes") {
    const auto& departments = esc::default_taxonomy().department_ids();
    CHECK(closest_match("CS", departments) == "customer-success");
    CHECK(closest_match("cs", departments) == "customer-success");
    CHECK(closest_match("Sales", departments) == "sales");
    CHECK(closest_match("SALES", departments) == "sales");
    CHECK(closest_match("1", esc::severity_names()) == "sev1");
    CHECK(closest_match("4", esc::severity_names()) == "sev4");
    CHECK(closest_match("support.severity-gaming", esc::default_taxonomy().codes()) ==
          "support-closure-incentives.severity-gaming");
    CHECK(closest_match("old.wrong-solution", esc::default_taxonomy().codes()) == "bad-sale.wrong-solution");
    CHECK(closest_match("7", esc::severity_names()).empty());
  }

  TEST_CASE("is_one_slip: one letter added, dropped or changed, two swapped, or only the case") {
    CHECK(esc::is_one_slip("confidance", "confidence"));
    CHECK(esc::is_one_slip("sumary", "summary"));
    CHECK(esc::is_one_slip("summaryy", "summary"));
    CHECK(esc::is_one_slip("nmae", "name"));
    CHECK(esc::is_one_slip("Title", "title"));
    CHECK(esc::is_one_slip("ID", "id"));
    CHECK_FALSE(esc::is_one_slip("title", "title"));
    CHECK_FALSE(esc::is_one_slip("sumery", "summary"));
    CHECK_FALSE(esc::is_one_slip("eman", "name"));
    CHECK_FALSE(esc::is_one_slip("tags", "tag_list"));
  }

  TEST_CASE("did_you_mean wraps the match in backticks or is empty") {
    CHECK(did_you_mean("sumary", {"summary", "title"}) == "did you mean `summary`?");
    CHECK(did_you_mean("product-flaw.defects", esc::default_taxonomy().codes()) ==
          "did you mean `product-flaw.defect`?");
    CHECK(did_you_mean("zzzzzzzzzzzz", {"summary", "title"}).empty());
    CHECK(did_you_mean("", {"summary"}).empty());
  }

  TEST_CASE("enum spellings get useful suggestions") {
    CHECK(closest_match("confirmd", esc::confidence_names()) == "confirmed");
    CHECK(closest_match("likley", esc::confidence_names()) == "likely");
    CHECK(closest_match("don", esc::action_status_names()) == "done");
    CHECK(closest_match("atrisk", esc::outcome_names()) == "at-risk");
  }

}  // TEST_SUITE
