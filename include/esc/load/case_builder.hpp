#pragma once
#include <optional>

#include "esc/load/node_reader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/case.hpp"

namespace esc {

/// Converts one YAML document into a Case, reporting format problems
/// (`missing-field`, `wrong-type`, `bad-date`, `bad-enum`, `unknown-key`)
/// through `reader`. Returns nullopt for an empty document or a root that
/// is not a mapping (reported).
std::optional<Case> build_case(const YamlNode& root, NodeReader& reader);

/// The keys a case file may use at its top level, in documentation order.
const std::vector<std::string>& case_keys();

}  // namespace esc
