#pragma once
#include <optional>
#include <string>
#include <vector>

#include "esc/load/source_text.hpp"
#include "esc/model/diagnostic.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// Builds a taxonomy from YAML text, checking SPEC 3's rules (`bad-code`,
/// `duplicate-cause`, `unknown-department`, ...). Returns nullopt when any
/// error was reported into `out`.
std::optional<Taxonomy> parse_taxonomy(const SourceText& source, std::vector<Diagnostic>& out);

/// Reads and parses a taxonomy file.
std::optional<Taxonomy> load_taxonomy_file(const std::string& path, std::vector<Diagnostic>& out);

/// The taxonomy compiled into the binary (templates/taxonomy.yaml).
const Taxonomy& default_taxonomy();

/// The YAML text of the built-in taxonomy.
std::string_view default_taxonomy_text();

}  // namespace esc
