// The yaml-cpp event API behind read_yaml_documents(). We build our own small
// tree instead of YAML::Node because yaml-cpp 0.7 silently accepts duplicate
// keys, expands aliases (alias bombs, cyclic aliases), throws a misleading
// "bad file" on deep nesting, and YAML::LoadAll can loop forever.
#include <istream>
#include <streambuf>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "esc/load/yaml_node.hpp"

namespace esc {

const char* describe_kind(YamlNode::Kind kind) {
  switch (kind) {
    case YamlNode::Kind::null: return "nothing";
    case YamlNode::Kind::scalar: return "text";
    case YamlNode::Kind::sequence: return "a list";
    case YamlNode::Kind::mapping: return "a mapping";
  }
  return "nothing";
}

namespace {

// Thrown from the event handler to stop parsing at a limit.
struct LimitReached {
  SourceMark mark;
  std::string message;
  std::string suggestion;
};

// Thrown from the event handler for a syntax error yaml-cpp lets through.
struct SyntaxProblem {
  SourceMark mark;
  std::string message;
  std::string suggestion;
};

bool is_plain_null(const std::string& value) {
  if (value.size() > 4) return false;  // the common case: no comparisons
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

// Reads a string without copying it (std::istringstream would copy the file).
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceText& source, const LoadLimits& limits, std::vector<Diagnostic>& out)
      : m_source(source), m_limits(limits), m_out(out) {}

  YamlNode take_root() { return std::move(m_root); }
  bool has_root() const { return m_has_root; }

  void OnDocumentStart(const YAML::Mark&) override {
    m_root = YamlNode{};
    m_has_root = false;
    m_stack.clear();
    m_nodes = 0;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { add_leaf(YamlNode::Kind::null, mark, "", false); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw LimitReached{to_mark(mark), "aliases (*name) are not allowed in case files",
                       "write the value out in full; aliases can expand exponentially (an alias bomb)"};
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override {
    bool quoted = tag == "!";
    if (quoted && !quote_is_closed(mark))
      throw SyntaxProblem{to_mark(mark), "this quoted text is never closed", "add the closing quote"};
    if (!quoted && is_plain_null(value))
      add_leaf(YamlNode::Kind::null, mark, "", false);
    else
      add_leaf(YamlNode::Kind::scalar, mark, value, quoted);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::sequence, mark);
  }
  void OnSequenceEnd() override { m_stack.pop_back(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::mapping, mark);
  }
  void OnMapEnd() override {
    remove_duplicate_keys(*m_stack.back());
    m_stack.pop_back();
  }

  // yaml-cpp 0.7 accepts a quote left open until the end of the file and
  // folds the rest of the file into the value; YAML requires the closing quote.
  bool quote_is_closed(const YAML::Mark& mark) const {
    const std::string& text = m_source.text();
    std::size_t pos = mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos);
    if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return true;  // a block scalar
    char quote = text[pos];
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') ++i;
      else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is an escaped quote
        else return true;
      }
    }
    return false;
  }

  SourceMark to_mark(const YAML::Mark& mark) const {
    std::size_t line_hint = mark.line < 0 ? 0 : static_cast<std::size_t>(mark.line);
    return m_source.mark_at(mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos), line_hint);
  }

 private:
  YamlNode& append(YamlNode node) {
    // A 16 MiB file of one-character list items would otherwise become a
    // tree of millions of nodes: bound the work and memory per document.
    if (++m_nodes > m_limits.max_nodes)
      throw LimitReached{node.mark, fmt::format("more than {} values in one document", m_limits.max_nodes),
                         "a case needs a few hundred; split the document, or raise limits.max-nodes"};
    if (m_stack.empty()) {
      m_root = std::move(node);
      m_has_root = true;
      return m_root;
    }
    auto& children = m_stack.back()->children;
    children.push_back(std::move(node));
    return children.back();
  }

  void add_leaf(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& value, bool quoted) {
    YamlNode node;
    node.kind = kind;
    node.value = value;
    node.quoted = quoted;
    node.mark = to_mark(mark);
    append(std::move(node));
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark) {
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth)
      throw LimitReached{to_mark(mark), fmt::format("nesting is deeper than {} levels", m_limits.max_depth),
                         "case files need only a few levels; flatten the structure"};
    YamlNode node;
    node.kind = kind;
    node.mark = to_mark(mark);
    // A parent's address is stable while we are inside it: only the innermost
    // open node grows.
    m_stack.push_back(&append(std::move(node)));
  }

  // True when a scalar key occurs twice; case files have small mappings, so
  // the common case compares in place without allocating.
  static bool has_duplicate_keys(const YamlNode& map) {
    std::size_t n = map.pair_count();
    if (n > 32) {
      std::unordered_set<std::string_view> seen;
      for (std::size_t i = 0; i < n; ++i)
        if (map.key(i).kind == YamlNode::Kind::scalar && !seen.insert(map.key(i).value).second) return true;
      return false;
    }
    for (std::size_t i = 1; i < n; ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (map.key(i).kind == YamlNode::Kind::scalar && map.key(j).kind == YamlNode::Kind::scalar &&
            map.key(i).value == map.key(j).value)
          return true;
    return false;
  }

  // Reports the second and later occurrences of a scalar key and drops them,
  // keeping the first (what yaml-cpp's own Node API would return).
  void remove_duplicate_keys(YamlNode& map) {
    if (map.pair_count() < 2 || !has_duplicate_keys(map)) return;
    std::unordered_set<std::string> seen;
    std::vector<YamlNode> kept;
    kept.reserve(map.children.size());
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
      YamlNode& key = map.children[i];
      if (key.kind == YamlNode::Kind::scalar && !seen.insert(key.value).second) {
        m_out.push_back({Severity::error, "duplicate-key", m_source.path(), key.mark,
                         fmt::format("duplicate key `{}` in this mapping", key.value),
                         "keep one of them; YAML readers disagree about which one wins"});
        continue;
      }
      kept.push_back(std::move(map.children[i]));
      kept.push_back(std::move(map.children[i + 1]));
    }
    map.children = std::move(kept);
  }

  const SourceText& m_source;
  const LoadLimits& m_limits;
  std::vector<Diagnostic>& m_out;
  YamlNode m_root;
  bool m_has_root = false;
  std::vector<YamlNode*> m_stack;
  std::size_t m_nodes = 0;  // in the current document
};

// yaml-cpp's messages, made friendlier where we can.
std::string syntax_message(const std::string& message) {
  if (message.empty()) return "malformed YAML";
  return message;
}

}  // namespace

void read_yaml_documents(const SourceText& source, const LoadLimits& limits,
                         const std::function<void(YamlNode&& root, std::size_t index)>& on_document,
                         std::vector<Diagnostic>& out) {
  ViewBuffer buffer(source.text());
  std::istream stream(&buffer);
  TreeBuilder builder(source, limits, out);
  std::size_t index = 0;
  SourceMark previous_root;
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
      if (!builder.has_root()) continue;
      YamlNode root = builder.take_root();
      // yaml-cpp 0.7 can report the same stray token as an endless series of
      // empty documents (the LoadAll hang); a document that does not advance
      // is a syntax error.
      if (index > 0 && root.kind == YamlNode::Kind::null && !(previous_root < root.mark)) {
        out.push_back({Severity::error, "yaml-syntax", source.path(), root.mark,
                       "unexpected token: this is not a valid YAML value", ""});
        return;
      }
      previous_root = root.mark;
      if (index >= limits.max_documents) {
        out.push_back({Severity::error, "input-limit", source.path(), root.mark,
                       fmt::format("more than {} documents in one file", limits.max_documents),
                       "split the file, or raise the documents limit in the config file"});
        return;
      }
      on_document(std::move(root), index++);
    }
  } catch (const SyntaxProblem& problem) {
    out.push_back({Severity::error, "yaml-syntax", source.path(), problem.mark, problem.message, problem.suggestion});
  } catch (const LimitReached& limit) {
    out.push_back({Severity::error, "input-limit", source.path(), limit.mark, limit.message, limit.suggestion});
  } catch (const YAML::Exception& error) {
    SourceMark mark = builder.to_mark(error.mark);
    if (error.mark.is_null()) mark = {};
    out.push_back({Severity::error, "yaml-syntax", source.path(), mark, syntax_message(error.msg), ""});
  }
}

}  // namespace esc
