#include <doctest/doctest.h>

#include <mutex>
#include <utility>
#include <vector>

#include "esc/load/case_loader.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/validate/validator.hpp"
#include "test_support.hpp"

namespace {

const std::string k_examples = std::string(ESC_SOURCE_DIR) + "/examples/cases";
const std::string k_broken = std::string(ESC_SOURCE_DIR) + "/examples/broken";

// "file:line:col rule case_index" of every finding, in order.
std::vector<std::string> lines_of(const std::vector<esc::Diagnostic>& found) {
  std::vector<std::string> out;
  for (const auto& d : found)
    out.push_back(d.file + ":" + std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + " " + d.rule +
                  " " + std::to_string(d.case_index));
  return out;
}

esc::LoadOptions checking(esc::CaseDetail keep, unsigned jobs) {
  esc::LoadOptions options;
  options.jobs = jobs;
  options.keep = keep;
  options.check = [](const esc::Case& c, int index, const std::string& file, std::vector<esc::Diagnostic>& out) {
    esc::check_case(c, index, file, esc::default_taxonomy(), out);
  };
  return options;
}

}  // namespace

TEST_SUITE("case_loader") {
  TEST_CASE("progress ends with every file done, whatever the number of threads") {
    for (unsigned jobs : {1u, 2u, 4u}) {
      std::mutex mutex;
      std::vector<std::pair<std::size_t, std::size_t>> calls;
      esc::LoadOptions options;
      options.jobs = jobs;
      options.progress = [&](std::size_t done, std::size_t total) {
        std::lock_guard<std::mutex> lock(mutex);
        calls.emplace_back(done, total);
      };
      esc::CaseSet set = esc::load_case_set({k_examples}, options);
      REQUIRE(!set.files.empty());
      REQUIRE(!calls.empty());
      CHECK(calls.back() == std::make_pair(set.files.size(), set.files.size()));
      for (const auto& [done, total] : calls) {
        CHECK(total == set.files.size());
        CHECK(done <= total);
      }
    }
  }

  TEST_CASE("the loaded set is the same with and without a progress callback and for any thread count") {
    esc::LoadOptions plain;
    plain.jobs = 1;
    esc::LoadOptions watched;
    watched.jobs = 3;
    watched.progress = [](std::size_t, std::size_t) {};
    esc::CaseSet a = esc::load_case_set({k_examples}, plain);
    esc::CaseSet b = esc::load_case_set({k_examples}, watched);
    REQUIRE(a.cases.size() == b.cases.size());
    for (std::size_t i = 0; i < a.cases.size(); ++i) {
      CHECK(a.cases[i].id.value == b.cases[i].id.value);
      CHECK(a.cases[i].file_index == b.cases[i].file_index);
    }
  }

  TEST_CASE("checking while loading finds exactly what checking afterwards finds") {
    esc::LoadOptions plain;
    plain.jobs = 1;
    for (const std::string& folder : {k_broken, std::string(ESC_SOURCE_DIR) + "/tests/cases"}) {
      CAPTURE(folder);
      esc::CaseSet after = esc::load_case_set({folder}, plain);
      CHECK_FALSE(after.cases_checked);
      auto expected = lines_of(esc::validate_case_set(after, esc::default_taxonomy(), {}));
      REQUIRE(!expected.empty());
      for (esc::CaseDetail keep : {esc::CaseDetail::full, esc::CaseDetail::analysis, esc::CaseDetail::identity})
        for (unsigned jobs : {1u, 3u}) {
          esc::CaseSet during = esc::load_case_set({folder}, checking(keep, jobs));
          CHECK(during.cases_checked);
          CHECK(lines_of(esc::validate_case_set(during, esc::default_taxonomy(), {})) == expected);
          REQUIRE(during.cases.size() == after.cases.size());
          for (std::size_t i = 0; i < after.cases.size(); ++i)
            CHECK(during.cases[i].has_errors == after.cases[i].has_errors);
        }
    }
  }

  TEST_CASE("a case's findings carry its index in the set, not in its file") {
    esc::CaseSet set = esc::load_case_set({k_broken}, checking(esc::CaseDetail::identity, 2));
    std::size_t attributed = 0;
    for (const auto& d : set.diagnostics) {
      if (d.case_index < 0) continue;
      ++attributed;
      REQUIRE(static_cast<std::size_t>(d.case_index) < set.cases.size());
      CHECK(set.files[set.cases[static_cast<std::size_t>(d.case_index)].file_index].path == d.file);
    }
    CHECK(attributed > 5);
  }

  TEST_CASE("digests: one per case, pointing at it, the same for any thread count") {
    // "code owner confirmed root" of each cause, then "from>to" links, then
    // "owner status" actions, then attendees and tags, for one digest.
    auto describe = [](const esc::CaseDigest& d, const esc::StringPool& pool) {
      std::string out;
      const auto& entries = esc::default_taxonomy().entries();
      for (std::size_t i = 0; i < d.cause_count(); ++i)
        out += entries[d.cause(i).entry].code + " " + std::string(pool.view(d.cause(i).owner)) +
               (d.cause(i).confirmed ? " c" : " -") + (d.cause(i).root ? " r; " : " -; ");
      for (std::size_t i = 0; i < d.edge_count(); ++i)
        out += std::to_string(d.edge(i).from) + ">" + std::to_string(d.edge(i).to) + "; ";
      for (std::size_t i = 0; i < d.action_count(); ++i)
        out += std::string(pool.view(d.action(i).owner)) + " " + std::string(esc::to_string(d.action(i).status)) + "; ";
      for (std::size_t i = 0; i < d.attendee_count(); ++i) out += std::string(pool.view(d.attendee(i))) + " ";
      for (std::size_t i = 0; i < d.tag_count(); ++i) out += "#" + std::string(pool.view(d.tag(i))) + " ";
      return out;
    };
    esc::LoadOptions whole;
    whole.jobs = 1;
    esc::CaseSet full = esc::load_case_set({k_examples}, whole);
    CHECK(full.digests.empty());  // only when asked for
    REQUIRE(full.cases.size() > 10);
    esc::StringPool pool;
    std::vector<std::string> expected;
    for (const auto& c : full.cases)
      expected.push_back(describe(esc::CaseDigest::of(c, esc::default_taxonomy(), pool), pool));
    for (unsigned jobs : {1u, 3u}) {
      esc::LoadOptions options = checking(esc::CaseDetail::analysis, jobs);
      options.digest = &esc::default_taxonomy();
      esc::CaseSet set = esc::load_case_set({k_examples}, options);
      REQUIRE(set.digests.size() == set.cases.size());
      REQUIRE(set.cases.size() == full.cases.size());
      for (std::size_t i = 0; i < set.cases.size(); ++i) {
        CHECK(set.digests[i].source == &set.cases[i]);
        CHECK(describe(set.digests[i], *set.strings) == expected[i]);
        CHECK(set.cases[i].causes.empty());  // trimmed after digesting
      }
    }
  }
}
