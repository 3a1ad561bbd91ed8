#pragma once
// Helpers shared by the unit tests: build cases from in-memory YAML and look
// for diagnostics by rule and position.
#include <sstream>
#include <string>
#include <vector>

#include "esc/load/case_builder.hpp"
#include "esc/load/case_loader.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/diagnostic.hpp"

namespace test_support {

struct Built {
  std::vector<esc::Case> cases;
  std::vector<esc::Diagnostic> diagnostics;
};

/// Parses every document of `yaml` into cases, as the loader does for one file.
inline Built build(const std::string& yaml, const std::string& file = "test.yaml") {
  Built built;
  esc::SourceText source(file, yaml);
  esc::read_yaml_documents(
      source, esc::LoadLimits{},
      [&](esc::YamlNode&& root, std::size_t index) {
        esc::NodeReader reader(file, built.diagnostics, static_cast<int>(built.cases.size()));
        if (auto c = esc::build_case(root, reader)) {
          c->document = index;
          built.cases.push_back(std::move(*c));
        }
      },
      built.diagnostics);
  return built;
}

/// A case set made of in-memory files (path, YAML text), with correct case indexes.
inline esc::CaseSet make_set(const std::vector<std::pair<std::string, std::string>>& files) {
  esc::CaseSet set;
  for (std::size_t f = 0; f < files.size(); ++f) {
    Built built = build(files[f].second, files[f].first);
    int offset = static_cast<int>(set.cases.size());
    for (auto& d : built.diagnostics) {
      if (d.case_index >= 0) d.case_index += offset;
      set.diagnostics.push_back(std::move(d));
    }
    esc::LoadedFile loaded;
    loaded.path = files[f].first;
    loaded.cases = built.cases.size();
    set.files.push_back(loaded);
    for (auto& c : built.cases) {
      c.file_index = f;
      set.cases.push_back(std::move(c));
    }
  }
  return set;
}

/// The diagnostics with this rule.
inline std::vector<esc::Diagnostic> with_rule(const std::vector<esc::Diagnostic>& all, const std::string& rule) {
  std::vector<esc::Diagnostic> out;
  for (const auto& d : all)
    if (d.rule == rule) out.push_back(d);
  return out;
}

/// True if some diagnostic has this rule at this 1-based line and column.
inline bool has(const std::vector<esc::Diagnostic>& all, const std::string& rule, std::uint32_t line,
                std::uint32_t column) {
  for (const auto& d : all)
    if (d.rule == rule && d.mark.line == line && d.mark.column == column) return true;
  return false;
}

/// Every diagnostic on one line each, for INFO().
inline std::string dump(const std::vector<esc::Diagnostic>& all) {
  std::ostringstream out;
  for (const auto& d : all)
    out << d.file << ':' << d.mark.line << ':' << d.mark.column << ' ' << esc::to_string(d.severity) << ' ' << d.rule
        << ": " << d.message << (d.suggestion.empty() ? "" : " (" + d.suggestion + ")") << '\n';
  return out.str();
}

}  // namespace test_support
