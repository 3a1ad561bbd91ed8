#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "esc/load/yaml_node.hpp"
#include "esc/model/case.hpp"
#include "esc/model/date.hpp"

namespace esc {

/// Typed access to YAML nodes that reports `wrong-type`, `missing-field`,
/// `bad-date`, `bad-enum` and `unknown-key` for one file.
class NodeReader {
 public:
  NodeReader(std::string file, std::vector<Diagnostic>& out, int case_index = -1)
      : m_file(std::move(file)), m_out(out), m_case_index(case_index) {}

  /// Reports a diagnostic at `mark` with the rule's default severity.
  void report(std::string_view rule, SourceMark mark, std::string message, std::string suggestion = "");

  /// The value of `key` in `map`, or nullptr (also for a null value).
  static const YamlNode* find(const YamlNode& map, std::string_view key);
  /// Reports every key of `map` not in `known` (`unknown-key`, with did-you-mean)
  /// and every non-text key (`wrong-type`).
  void check_keys(const YamlNode& map, const std::vector<std::string>& known);
  /// True if `node` is a mapping; otherwise reports `wrong-type` naming `what`.
  bool expect_mapping(const YamlNode& node, std::string_view what);
  /// True if `node` is a list; otherwise reports `wrong-type` naming `what`.
  bool expect_sequence(const YamlNode& node, std::string_view what);

  /// The text of `key`; reports `wrong-type` for a list or mapping.
  std::optional<Located> text(const YamlNode& map, std::string_view key);
  /// Like text(), but reports `missing-field` at `map` when absent or empty.
  Located required_text(const YamlNode& map, std::string_view key, std::string_view where);
  /// A YYYY-MM-DD date; reports `bad-date`.
  std::optional<Date> date(const YamlNode& map, std::string_view key, SourceMark* mark = nullptr);
  /// A number >= 0; reports `wrong-type`.
  std::optional<double> non_negative_number(const YamlNode& map, std::string_view key);
  /// The index of the value among `names`; reports `bad-enum` with did-you-mean.
  std::optional<std::size_t> choice(const YamlNode& map, std::string_view key, const std::vector<std::string>& names,
                                    SourceMark* mark = nullptr);
  /// A list of texts; reports `wrong-type` for anything else.
  std::vector<Located> text_list(const YamlNode& map, std::string_view key);

  const std::string& file() const { return m_file; }

 private:
  std::string m_file;
  std::vector<Diagnostic>& m_out;
  int m_case_index;
};

/// Reads a file that must hold one YAML document (a taxonomy, a config):
/// calls `on_root` with its root, reports a second document as `wrong-type`
/// naming `what`, and returns the number of non-empty documents.
std::size_t read_single_document(const SourceText& source, NodeReader& reader, std::string_view what,
                                 const std::function<void(const YamlNode& root)>& on_root,
                                 std::vector<Diagnostic>& out);

}  // namespace esc
