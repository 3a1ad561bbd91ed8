#pragma once
// Shared by the review unit tests: cases and taxonomies from text, and a
// prompt that replays a list of answers.
#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

#include "esc/author/prompt.hpp"
#include "esc/load/case_builder.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/load/yaml_node.hpp"

namespace test {

inline esc::Case case_from(const std::string& text) {
  esc::SourceText source("case.yaml", text);
  std::vector<esc::Diagnostic> out;
  esc::Case result;
  esc::read_yaml_documents(
      source, esc::LoadLimits{},
      [&](esc::YamlNode&& root, std::size_t) {
        esc::NodeReader reader("case.yaml", out);
        if (auto c = esc::build_case(root, reader)) result = *c;
      },
      out);
  return result;
}

inline esc::Taxonomy taxonomy_from(const std::string& text) {
  std::vector<esc::Diagnostic> out;
  auto t = esc::parse_taxonomy(esc::SourceText("taxonomy.yaml", text), out);
  if (!t) throw std::runtime_error("test taxonomy does not parse: " + out.at(0).message);
  return *t;
}

// A small taxonomy: category `a` (sales) with a.one and a.two; category `b` (support).
inline const char* k_small_taxonomy = R"(version: 1
departments:
  - {id: sales, title: Sales}
  - {id: support, title: Support}
  - {id: engineering, title: Engineering}
causes:
  - code: a
    title: Category A
    owner: sales
    question: Was it A?
    children:
      - code: a.one
        title: A one
        question: A one?
        aliases: [a.old]
      - code: a.two
        title: A two
        question: A two?
        owner: engineering
  - code: b
    title: Category B
    owner: support
    question: Was it B?
)";

inline esc::Answer key(char k) {
  return esc::Answer::with_key(k);
}
inline esc::Answer text(const std::string& t) {
  return esc::Answer::with_text(t);
}
inline esc::Answer keep() {
  return esc::Answer::of(esc::Answer::Kind::keep);
}
inline esc::Answer clear() {
  return esc::Answer::of(esc::Answer::Kind::clear);
}
inline esc::Answer back() {
  return esc::Answer::of(esc::Answer::Kind::back);
}

struct ReplayPrompt : esc::Prompt {
  std::deque<esc::Answer> answers;
  std::vector<esc::Question> asked;
  std::vector<std::string> told;

  explicit ReplayPrompt(std::vector<esc::Answer> list) : answers(list.begin(), list.end()) {}
  void tell(esc::Tone, const std::string& t) override { told.push_back(t); }
  esc::Answer ask(const esc::Question& q) override {
    asked.push_back(q);
    if (answers.empty()) return esc::Answer::of(esc::Answer::Kind::end_of_input);
    esc::Answer a = answers.front();
    answers.pop_front();
    return a;
  }
  bool was_told(const std::string& part) const {
    for (const auto& t : told)
      if (t.find(part) != std::string::npos) return true;
    return false;
  }
};

}  // namespace test
