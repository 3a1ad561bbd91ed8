#pragma once
#include <cstddef>
#include <string>

namespace esc {

/// Safety limits applied to every input file (SPEC 4, "input-limit").
struct LoadLimits {
  std::size_t max_file_size = 16u * 1024u * 1024u;  // bytes
  int max_depth = 64;                               // nested mappings and lists
  std::size_t max_documents = 10000;                // YAML documents per file
  std::size_t max_nodes = 10000;                    // YAML values (scalars, lists, mappings) per document
  std::size_t max_findings = 1000;                  // findings per file before the rest is not checked
};

/// Parses a byte size such as "16MiB", "512k", "2M" or "1048576".
bool parse_byte_size(const std::string& text, std::size_t& out);

}  // namespace esc
