#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "esc/model/case_list.hpp"

using esc::Case;
using esc::CaseList;

namespace {

std::vector<Case> block(std::initializer_list<const char*> ids) {
  std::vector<Case> cases;
  for (const char* id : ids) {
    Case c;
    c.id.value = id;
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<std::string> ids(const CaseList& list) {
  std::vector<std::string> out;
  for (const Case& c : list) out.push_back(c.id.value);
  return out;
}

}  // namespace

TEST_SUITE("case_list") {
  TEST_CASE("blocks keep their order and are indexed as one sequence") {
    CaseList list;
    CHECK(list.empty());
    list.append_block(block({"A", "B"}));
    list.append_block({});  // a file without cases adds nothing
    list.append_block(block({"C"}));
    list.push_back(std::move(block({"D"})[0]));
    REQUIRE(list.size() == 4);
    CHECK(ids(list) == std::vector<std::string>{"A", "B", "C", "D"});
    CHECK(list[2].id.value == "C");
    CHECK(list.back().id.value == "D");
    CHECK(list.end() - list.begin() == 4);
    CHECK(std::find_if(list.begin(), list.end(), [](const Case& c) { return c.id.value == "C"; }) - list.begin() == 2);
  }

  TEST_CASE("a case keeps its address while blocks are added") {
    CaseList list;
    list.append_block(block({"A", "B"}));
    const Case* first = &list[0];
    for (int i = 0; i < 100; ++i) list.append_block(block({"x", "y", "z"}));
    CHECK(&list[0] == first);
    CHECK(list.size() == 302);
    CaseList moved = std::move(list);
    CHECK(&moved[0] == first);
  }

  TEST_CASE("a copy has its own cases") {
    CaseList list;
    list.append_block(block({"A", "B"}));
    CaseList copy = list;
    copy[0].id.value = "changed";
    CHECK(list[0].id.value == "A");
    CHECK(&copy[1] != &list[1]);
    CHECK(ids(copy) == std::vector<std::string>{"changed", "B"});
    list = copy;
    CHECK(ids(list) == std::vector<std::string>{"changed", "B"});
    CHECK(&list[0] != &copy[0]);
  }
}
