// libFuzzer target: any bytes through the encoding check, the suppression
// scan, the YAML event reader, the case builder and the per-case rules, as
// `validate` runs them.
// Built only with -DESC_FUZZ=ON and clang (see tools/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "esc/load/case_builder.hpp"
#include "esc/load/limits.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/suppressions.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/case_detail.hpp"
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
        if (auto c = esc::build_case(root, reader)) {
          esc::check_case(*c, case_index, path, taxonomy, diagnostics);
          esc::trim_case(*c, esc::CaseDetail::identity);
        }
      },
      diagnostics);
  // Every position a diagnostic names must be inside the file: a line that
  // exists, and a column no further than the line break after its last code
  // point (columns are 1-based; a mark may point at the break itself).
  for (const auto& d : diagnostics) {
    if (!d.mark.valid()) continue;
    if (d.mark.line > source.line_count()) __builtin_trap();
    std::string_view line = source.line(d.mark.line);
    std::size_t code_points = 0;
    for (char ch : line) code_points += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
    // line() leaves out a CR before the break; it is still a column.
    const std::string& text = source.text();
    std::size_t after = static_cast<std::size_t>(line.data() - text.data()) + line.size();
    if (after < text.size() && text[after] == '\r') ++code_points;
    if (d.mark.column > code_points + 1) __builtin_trap();
  }
  return 0;
}
