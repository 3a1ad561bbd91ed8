#include <doctest/doctest.h>

#include <mutex>
#include <utility>
#include <vector>

#include "esc/load/case_loader.hpp"

namespace {

const std::string k_examples = std::string(ESC_SOURCE_DIR) + "/examples/cases";

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
}
