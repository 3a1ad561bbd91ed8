// libFuzzer target: any bytes through the encoding check, the suppression
// scan, the YAML event reader, the case builder and the per-case rules, as
// `validate` runs them, and the digest `report` builds of each case.
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
#include "esc/model/case_digest.hpp"
#include "esc/validate/validator.hpp"

namespace {

// Every index a digest holds must name something that exists.
void check_digest(const esc::CaseDigest& d, const esc::Taxonomy& taxonomy, const esc::StringPool& strings) {
  std::size_t entries = taxonomy.entries().size();
  for (std::size_t i = 0; i < d.cause_count(); ++i)
    if (d.cause(i).entry >= entries || d.cause(i).owner >= strings.size()) __builtin_trap();
  for (std::size_t i = 0; i < d.edge_count(); ++i)
    if (d.edge(i).from >= d.cause_count() || d.edge(i).to >= d.cause_count()) __builtin_trap();
  for (std::size_t i = 0; i < d.action_count(); ++i) {
    esc::DigestAction a = d.action(i);
    if (a.owner >= strings.size() || (a.cause && *a.cause >= entries)) __builtin_trap();
  }
  for (std::size_t i = 0; i < d.attendee_count(); ++i)
    if (d.attendee(i) >= strings.size()) __builtin_trap();
  for (std::size_t i = 0; i < d.tag_count(); ++i)
    if (d.tag(i) >= strings.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const esc::Taxonomy& taxonomy = esc::default_taxonomy();
  esc::LoadLimits limits;
  if (size > limits.max_file_size) return 0;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<esc::Diagnostic> diagnostics;
  esc::StringPool strings;
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
          check_digest(esc::CaseDigest::of(*c, taxonomy, strings), taxonomy, strings);
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
