// libFuzzer target: any bytes through the encoding check, the suppression
// scan, the YAML event reader, the case builder and the per-case rules, as
// `validate` runs them.
// Built only with -DESC_FUZZ=ON and clang (see tools/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "esc/load/case_builder.hpp"
#include "esc/load/limits.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/suppressions.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/validate/validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const esc::Taxonomy& taxonomy = esc::default_taxonomy();
  esc::LoadLimits limits;
  if (size > limits.max_file_size) return 0;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<esc::Diagnostic> diagnostics;
  const std::string path = "fuzz.yaml";
  if (!esc::check_encoding(bytes, path, diagnostics)) return 0;
  esc::SourceText source(path, std::move(bytes));
  (void)esc::scan_suppressions(source, diagnostics);
  esc::read_yaml_documents(
      source, limits,
      [&](esc::YamlNode&& root, std::size_t index) {
        int case_index = static_cast<int>(index);
        esc::NodeReader reader(source.path(), diagnostics, case_index);
        if (auto c = esc::build_case(root, reader)) esc::check_case(*c, case_index, path, taxonomy, diagnostics);
      },
      diagnostics);
  // Every position a diagnostic names must be a line of the source.
  for (const auto& d : diagnostics)
    if (d.mark.valid()) (void)source.line(d.mark.line);
  return 0;
}
