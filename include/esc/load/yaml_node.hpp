#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "esc/load/limits.hpp"
#include "esc/load/source_text.hpp"
#include "esc/model/diagnostic.hpp"

namespace esc {

/// A parsed YAML value with its position. Scalars stay text; the builders
/// decide what a scalar means. Only one document's tree is alive at a time.
struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, mapping };

  Kind kind = Kind::null;
  bool quoted = false;  // a quoted or block scalar: never null, never a number (text)
  std::string value;    // the scalar's text
  SourceMark mark;
  std::vector<YamlNode> children;  // sequence items; mapping: key, value, key, value, ...

  std::size_t pair_count() const { return children.size() / 2; }
  const YamlNode& key(std::size_t i) const { return children[2 * i]; }
  const YamlNode& value_at(std::size_t i) const { return children[2 * i + 1]; }
};

/// "a mapping", "a list", "text", "nothing": for messages.
const char* describe_kind(YamlNode::Kind kind);

/// The event source: parses every YAML document of `source` in order and
/// hands each root to `on_document` with its 0-based index. Reports
/// `yaml-syntax`, `duplicate-key` and `input-limit` (depth, aliases, number of
/// documents) into `out`; stops at the first syntax or limit error. Never
/// throws for bad input. This is the only place that knows the YAML library.
void read_yaml_documents(const SourceText& source, const LoadLimits& limits,
                         const std::function<void(YamlNode&& root, std::size_t index)>& on_document,
                         std::vector<Diagnostic>& out);

}  // namespace esc
