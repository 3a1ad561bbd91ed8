// Opening a case file for review and reading an edited text back.
#include <sys/stat.h>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "esc/author/review_edit.hpp"
#include "esc/load/case_builder.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/yaml_node.hpp"

namespace esc {
namespace {

bool read_bytes(const std::string& path, const LoadLimits& limits, std::string& bytes, std::string& problem) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    problem = fmt::format("cannot read {}: {}", path, std::strerror(errno));
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    problem = fmt::format("{} is not a regular file; review edits one case file", path);
    return false;
  }
  if (static_cast<std::size_t>(info.st_size) > limits.max_file_size) {
    problem = fmt::format("{} is larger than --max-file-size", path);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = fmt::format("cannot open {}: {}", path, std::strerror(errno));
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) problem = fmt::format("cannot read {}", path);
  return !in.bad();
}

// Every document of a text, parsed; findings of the parser go to `out`.
std::vector<YamlNode> parse_documents(const std::string& path, const std::string& text, const LoadLimits& limits,
                                      std::vector<Diagnostic>& out) {
  std::string checked = text;
  std::vector<YamlNode> roots;
  if (!check_encoding(checked, path, out)) return roots;
  SourceText source(path, checked);
  read_yaml_documents(
      source, limits, [&](YamlNode&& root, std::size_t) { roots.push_back(std::move(root)); }, out);
  return roots;
}

std::optional<std::size_t> select_document(const std::string& path, const std::string& selector,
                                           const std::vector<YamlNode>& roots, std::string& problem) {
  if (selector.empty()) return 0;
  if (selector.find_first_not_of("0123456789") == std::string::npos && selector.size() < 6) {
    std::size_t n = std::stoul(selector);
    if (n >= 1 && n <= roots.size()) return n - 1;
    problem =
        fmt::format("{} holds {} document(s); --document must be between 1 and {}", path, roots.size(), roots.size());
    return std::nullopt;
  }
  std::string ids;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    const YamlNode* id = NodeReader::find(roots[i], "id");
    if (!id || id->kind != YamlNode::Kind::scalar) continue;
    if (id->value == selector) return i;
    ids += (ids.empty() ? "" : ", ") + id->value;
  }
  problem = fmt::format("no case `{}` in {} (it holds: {})", selector, path, ids.empty() ? "no case ids" : ids);
  return std::nullopt;
}

// The lines [first, last] of a block, for matching findings to it.
bool inside(const std::string& text, const KeyBlock& block, SourceMark mark) {
  std::size_t last = block.line;
  for (std::size_t i = block.span.begin; i + 1 < block.span.end; ++i) last += text[i] == '\n' ? 1 : 0;
  return mark.line >= block.line && mark.line <= last;
}

}  // namespace

std::optional<ReviewTarget> open_review_target(const std::string& path, const std::string& selector,
                                               const LoadLimits& limits, std::vector<Diagnostic>& diagnostics,
                                               std::string& problem) {
  ReviewTarget target;
  target.path = path;
  if (!read_bytes(path, limits, target.text, problem)) return std::nullopt;
  std::size_t before = diagnostics.size();
  std::vector<YamlNode> roots = parse_documents(path, target.text, limits, diagnostics);
  if (count_severity(diagnostics, Severity::error) > 0 || diagnostics.size() > before) {
    problem = fmt::format("{} does not read cleanly as YAML; fix it first (esc-autopsy validate {})", path, path);
    return std::nullopt;
  }
  std::vector<TextSpan> spans = split_documents(target.text);
  if (spans.size() != roots.size()) {
    problem = fmt::format("cannot match the {} YAML documents of {} to its text; edit it by hand", roots.size(), path);
    return std::nullopt;
  }
  if (roots.empty()) {
    problem = fmt::format("{} holds no case", path);
    return std::nullopt;
  }
  auto index = select_document(path, selector, roots, problem);
  if (!index) return std::nullopt;
  target.document = *index;
  target.documents = roots.size();
  target.span = spans[*index];
  const YamlNode& root = roots[*index];
  std::vector<Diagnostic> format_findings;
  NodeReader reader(path, format_findings, 0);
  auto built = root.kind == YamlNode::Kind::mapping ? build_case(root, reader) : std::nullopt;
  if (!built) {
    problem = fmt::format("document {} of {} is not a case (a mapping of `id:`, `title:`, ...)", *index + 1, path);
    return std::nullopt;
  }
  target.original = std::move(*built);
  target.blocks = top_level_blocks(target.text, target.span);
  bool same = target.blocks.size() == root.pair_count();
  for (std::size_t i = 0; same && i < root.pair_count(); ++i) {
    const YamlNode& key = root.key(i);
    same = key.kind == YamlNode::Kind::scalar && key.value == target.blocks[i].key &&
           key.mark.line == target.blocks[i].line && key.mark.column == 1;
  }
  if (!same) {
    problem = fmt::format(
        "cannot edit {} safely: its top-level keys do not each start a line at column 1 (review edits block-style "
        "YAML only); edit the causes by hand",
        path);
    return std::nullopt;
  }
  // Findings inside the blocks review rewrites would be lost with the text that causes them.
  for (const auto& block : target.blocks) {
    if (block.key != "causes" && block.key != "reviewed") continue;
    for (const auto& d : format_findings)
      if (d.mark.valid() && inside(target.text, block, d.mark)) diagnostics.push_back(d);
  }
  if (diagnostics.size() > before) {
    problem = "fix these findings in `causes:` or `reviewed:` first, so that review does not drop what they point at";
    return std::nullopt;
  }
  for (const auto& block : target.blocks)
    if (block.key == "causes") {
      target.cause_items = split_block_items(target.text, block);
      if (target.cause_items && target.cause_items->items.size() != target.original.causes.size())
        target.cause_items.reset();
    }
  return target;
}

std::optional<Case> read_back(const ReviewTarget& target, const std::string& text, const ReviewResult& result,
                              std::string& problem) {
  std::vector<Diagnostic> findings;
  std::vector<YamlNode> roots = parse_documents(target.path, text, LoadLimits{}, findings);
  if (roots.size() != target.documents || count_severity(findings, Severity::error) > 0) {
    problem = "the edited file does not parse back into the same documents";
    return std::nullopt;
  }
  NodeReader reader(target.path, findings, 0);
  auto c = build_case(roots[target.document], reader);
  if (!c) {
    problem = "the edited document is no longer a case";
    return std::nullopt;
  }
  bool same = c->causes.size() == result.causes.size();
  for (std::size_t i = 0; same && i < c->causes.size(); ++i) {
    const ReviewedCause& want = result.causes[i];
    const Cause& got = c->causes[i];
    std::vector<std::string> links;
    for (const auto& l : got.caused_by) links.push_back(l.value);
    same = got.code.value == want.code && got.confidence == want.confidence && got.evidence == want.evidence &&
           got.owner.value == want.owner && links == want.caused_by && got.note == want.note;
  }
  if (same && result.has_review) {
    std::vector<std::string> attendees;
    if (c->reviewed)
      for (const auto& a : c->reviewed->attendees) attendees.push_back(a.value);
    same = c->reviewed && c->reviewed->date && c->reviewed->date->to_string() == result.review_date &&
           attendees == result.attendees;
  }
  if (same && !result.action_fixes.empty()) {
    // The fixed actions: dropped ones gone, re-pointed ones naming their new cause.
    std::vector<std::string> want;
    std::size_t f = 0;
    for (std::size_t i = 0; i < target.original.actions.size(); ++i) {
      while (f < result.action_fixes.size() && result.action_fixes[f].action < i) ++f;
      bool fixed = f < result.action_fixes.size() && result.action_fixes[f].action == i;
      if (!fixed)
        want.push_back(target.original.actions[i].cause.value);
      else if (!result.action_fixes[f].cause.empty())
        want.push_back(result.action_fixes[f].cause);
    }
    std::vector<std::string> got;
    for (const auto& a : c->actions) got.push_back(a.cause.value);
    if (got != want) {
      problem = "the actions block cannot be edited safely (write it as a block list with `cause:` lines)";
      return std::nullopt;
    }
  }
  if (!same) {
    problem = "the edited text does not read back as the reviewed causes";
    return std::nullopt;
  }
  return c;
}

}  // namespace esc
