#include "esc/load/taxonomy_loader.hpp"

#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

#include "esc/load/node_reader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/embedded.hpp"
#include "esc/model/suggest.hpp"

namespace esc {
namespace {

// "U+0007" for the first C0/C1 control, DEL, line or paragraph separator or
// noncharacter U+FFFE/U+FFFF in `text` (valid UTF-8), else empty.
std::string first_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    std::uint32_t code = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029 || code == 0xFFFE ||
        code == 0xFFFF)
      return fmt::format("U+{:04X}", code);
    i += length;
  }
  return {};
}

bool is_valid_code(const std::string& code) {
  if (code.empty() || code.front() == '.' || code.back() == '.') return false;
  char previous = 0;
  for (char c : code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok || (c == '.' && previous == '.')) return false;
    previous = c;
  }
  return true;
}

class TaxonomyBuilder {
 public:
  TaxonomyBuilder(NodeReader& reader) : m_reader(reader) {}

  void build(const YamlNode& root) {
    if (!m_reader.expect_mapping(root, "a taxonomy")) return;
    m_reader.check_keys(root, {"version", "departments", "causes"});
    if (auto version = m_reader.text(root, "version"); version && version->value != "1")
      m_reader.report("bad-enum", version->mark, fmt::format("unsupported taxonomy version `{}`", version->value),
                      "this esc-autopsy reads `version: 1`");
    read_departments(root);
    const YamlNode* causes = NodeReader::find(root, "causes");
    if (!causes)
      m_reader.report("missing-field", root.mark, "the taxonomy has no `causes`", "add `causes:`");
    else if (m_reader.expect_sequence(*causes, "`causes`"))
      for (const auto& item : causes->children) read_entry(item, -1);
  }

  Taxonomy take() { return std::move(m_taxonomy); }

 private:
  void read_departments(const YamlNode& root) {
    const YamlNode* list = NodeReader::find(root, "departments");
    if (!list) {
      m_reader.report("missing-field", root.mark, "the taxonomy has no `departments`", "add `departments:`");
      return;
    }
    if (!m_reader.expect_sequence(*list, "`departments`")) return;
    for (const auto& item : list->children) {
      if (!m_reader.expect_mapping(item, "a department")) continue;
      m_reader.check_keys(item, {"id", "title"});
      Located id = m_reader.required_text(item, "id", "the department");
      if (id.value.empty()) continue;
      if (m_taxonomy.find_department(id.value)) {
        m_reader.report("duplicate-id", id.mark, fmt::format("department `{}` is listed twice", id.value));
        continue;
      }
      auto title = m_reader.text(item, "title");
      if (title) check_title(*title, fmt::format("department `{}`", id.value));
      m_taxonomy.add_department({id.value, title ? title->value : id.value, id.mark});
    }
  }

  // Titles end up in terminals, SVG, GraphML and Mermaid: a control character
  // (written as an escape in a quoted YAML string) would break all of them.
  void check_title(const Located& title, const std::string& owner) {
    std::string found = first_control_character(title.value);
    if (found.empty()) return;
    m_reader.report("bad-encoding", title.mark,
                    fmt::format("the title of {} holds the control character {}", owner, found),
                    "write the title as plain text: no \\n, \\t, \\x.. or \\u.. escapes of control characters");
  }

  void read_entry(const YamlNode& node, int parent) {
    if (!m_reader.expect_mapping(node, "a taxonomy cause")) return;
    m_reader.check_keys(node, {"code", "title", "owner", "question", "aliases", "children"});
    TaxonomyEntry entry;
    entry.parent = parent;
    Located code = m_reader.required_text(node, "code", "the taxonomy cause");
    if (code.value.empty()) return;
    entry.code = code.value;
    entry.mark = code.mark;
    if (!is_valid_code(code.value)) {
      m_reader.report("bad-code", code.mark,
                      fmt::format("code `{}` must be dotted lower-case segments of a-z, 0-9 and -", code.value));
      return;
    }
    const TaxonomyEntry* parent_entry = parent >= 0 ? &m_taxonomy.entries()[static_cast<std::size_t>(parent)] : nullptr;
    if (parent_entry && code.value.rfind(parent_entry->code + ".", 0) != 0) {
      m_reader.report("bad-code", code.mark,
                      fmt::format("code `{}` must start with its parent's code `{}.`", code.value, parent_entry->code));
      return;
    }
    if (!parent_entry && code.value.find('.') != std::string::npos) {
      m_reader.report("bad-code", code.mark, fmt::format("top-level code `{}` must not contain a dot", code.value));
      return;
    }
    if (m_taxonomy.find(code.value) || m_taxonomy.find_alias(code.value)) {
      m_reader.report("duplicate-cause", code.mark, fmt::format("code `{}` is defined twice", code.value));
      return;
    }
    Located title = m_reader.required_text(node, "title", fmt::format("cause `{}`", code.value));
    check_title(title, fmt::format("cause `{}`", code.value));
    entry.title = title.value;
    auto question = m_reader.text(node, "question");
    entry.question = question ? question->value : "";
    auto owner = m_reader.text(node, "owner");
    if (owner) {
      if (!m_taxonomy.find_department(owner->value))
        m_reader.report("unknown-department", owner->mark, fmt::format("unknown department `{}`", owner->value),
                        did_you_mean_department(owner->value));
      entry.owner = owner->value;
    } else if (parent_entry) {
      entry.owner = parent_entry->owner;
    } else {
      m_reader.report("missing-field", node.mark, fmt::format("category `{}` has no `owner`", code.value),
                      "add `owner:` with a department id");
    }
    for (auto& alias : m_reader.text_list(node, "aliases")) {
      if (!is_valid_code(alias.value) || m_taxonomy.find(alias.value) || m_taxonomy.find_alias(alias.value)) {
        m_reader.report("bad-code", alias.mark, fmt::format("alias `{}` is malformed or already used", alias.value));
        continue;
      }
      entry.aliases.push_back(alias.value);
    }
    int index = m_taxonomy.add_entry(std::move(entry));
    if (const YamlNode* children = NodeReader::find(node, "children"))
      if (m_reader.expect_sequence(*children, "`children`"))
        for (const auto& child : children->children) read_entry(child, index);
  }

  std::string did_you_mean_department(const std::string& id) const;

  NodeReader& m_reader;
  Taxonomy m_taxonomy;
};

std::string TaxonomyBuilder::did_you_mean_department(const std::string& id) const {
  return did_you_mean(id, m_taxonomy.department_ids());
}

}  // namespace

std::optional<Taxonomy> parse_taxonomy(const SourceText& source, std::vector<Diagnostic>& out) {
  std::size_t errors_before = count_severity(out, Severity::error);
  NodeReader reader(source.path(), out);
  std::optional<Taxonomy> result;
  std::size_t documents = read_single_document(
      source, reader, "a taxonomy file",
      [&](const YamlNode& root) {
        TaxonomyBuilder builder(reader);
        builder.build(root);
        result = builder.take();
      },
      out);
  if (documents == 0 && count_severity(out, Severity::error) == errors_before)
    reader.report("missing-field", {1, 1}, "the taxonomy file is empty");
  if (count_severity(out, Severity::error) > errors_before) return std::nullopt;
  return result;
}

std::optional<Taxonomy> load_taxonomy_file(const std::string& path, std::vector<Diagnostic>& out) {
  auto source = read_source(path, LoadLimits{}, out);
  if (!source) return std::nullopt;
  return parse_taxonomy(*source, out);
}

std::string_view default_taxonomy_text() {
  auto text = embedded_file("templates/taxonomy.yaml");
  if (!text) throw std::logic_error("the built-in taxonomy is missing from this build");
  return *text;
}

const Taxonomy& default_taxonomy() {
  static const Taxonomy taxonomy = [] {
    std::vector<Diagnostic> diagnostics;
    auto parsed = parse_taxonomy(SourceText("<built-in taxonomy>", std::string(default_taxonomy_text())), diagnostics);
    if (!parsed) throw std::logic_error("the built-in taxonomy does not parse");
    return std::move(*parsed);
  }();
  return taxonomy;
}

}  // namespace esc
